/**
 * Call recordings: whether a call is recorded (its assistant says so), the port recordings are
 * written to and read from ({@link dev.switchboard.domain.recording.RecordingStore}), and the
 * caller's line that also feeds what it plays into the recording. The domain passes audio
 * through as opaque 8 kHz μ-law bytes with their timing; decoding and mixing happen in the store.
 */
package dev.switchboard.domain.recording;
