/**
 * JMH benchmarks, run on demand with the {@code bench} profile (see docs/audio-core.md); never
 * part of the build's pass/fail. Every benchmark reports input samples per second
 * ({@code @OperationsPerInvocation} = input samples per invocation), single thread.
 */
package dev.switchboard.audio.bench;
