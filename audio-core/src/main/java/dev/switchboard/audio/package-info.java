/**
 * Telephony audio for the stream runtime: G.711 codecs ({@link dev.switchboard.audio.MuLaw},
 * {@link dev.switchboard.audio.ALaw}), sample-rate conversion ({@link dev.switchboard.audio.Resampler}),
 * framing for the Twilio bridge ({@link dev.switchboard.audio.TwilioMediaPayload},
 * {@link dev.switchboard.audio.Rechunker}, {@link dev.switchboard.audio.PacingBuffer}), voice-activity
 * and DTMF detection, and call recording ({@link dev.switchboard.audio.WavWriter}).
 *
 * <p>Conventions for the whole package: PCM is signed 16-bit ({@code short}), mono unless a type
 * says otherwise; rates are in Hz; lengths, offsets and timestamps are in samples (per channel).
 * Callers own every array they pass; no method keeps a reference to a caller's array after it
 * returns. Static codec methods are thread-safe. Streaming objects (anything with {@code reset()})
 * are single-threaded: confine one instance to one call's thread or guard it externally. Their
 * {@code process(...)} methods return a count and do not allocate.
 *
 * <p>JDK only, no dependencies, so that it can be reused by any adapter.
 */
package dev.switchboard.audio;
