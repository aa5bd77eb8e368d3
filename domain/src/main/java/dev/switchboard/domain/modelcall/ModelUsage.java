package dev.switchboard.domain.modelcall;

/**
 * What a speech-to-speech model produced for one of its responses, in output tokens (audio and
 * text together). {@code estimated} when the provider reported nothing and the adapter counted
 * from the audio and words it sent instead.
 */
public record ModelUsage(long outputTokens, boolean estimated) {
    public ModelUsage {
        if (outputTokens < 0) throw new IllegalArgumentException("output tokens must be >= 0: " + outputTokens);
    }
}
