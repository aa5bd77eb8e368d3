/**
 * The default {@link dev.switchboard.domain.recording.RecordingStore}: one stereo WAV per call
 * under the recordings directory ({@code <tenant>/<call>.wav}), mixed on the stream's clock by
 * {@code StereoTimeline} and written by one serial lane per call over a small shared pool of
 * writer threads, so disk I/O never runs on the media path.
 */
package dev.switchboard.persistence.recording;
