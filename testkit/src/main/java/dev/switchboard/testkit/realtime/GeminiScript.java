package dev.switchboard.testkit.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake Gemini Live model does during one call (PROTOCOLS.md §12), step by step, once the
 * client's {@code setup} was answered with {@code setupComplete}. Steps run in order on their own
 * thread; a step that waits (for caller audio, for a tool's answer) waits on what the fake actually
 * received. Immutable.
 *
 * <pre>{@code
 * GeminiScript.builder()
 *     .say("Salon Lumière, hello.", Duration.ofMillis(800))       // 440 Hz, PCM16 24 kHz
 *     .callerSays("A haircut tomorrow, please.", Duration.ofMillis(600))
 *     .callTool("check_availability", "{\"date\":\"2026-03-03\"}")
 *     .say("Tomorrow at ten is free.", Duration.ofMillis(1000))
 *     .build();
 * }</pre>
 */
public final class GeminiScript {
    /** One step. */
    public sealed interface Step {}

    /**
     * The model speaks: {@code audio} of a tone at {@code toneHz} as PCM16 24 kHz {@code inlineData},
     * faster than real time, with its words as {@code outputTranscription} pieces along the way.
     * When {@code complete}, {@code generationComplete} and {@code turnComplete} follow; otherwise
     * the turn stays open (for an {@link Interrupt}).
     */
    public record Say(String transcript, Duration audio, int toneHz, boolean complete) implements Step {}

    /** Waits until {@code speech} worth of caller audio arrived (and as long passed), then sends its {@code inputTranscription}. */
    public record CallerSays(String transcript, Duration speech) implements Step {}

    /** Waits until {@code after} of caller audio arrived, then sends {@code serverContent.interrupted} (the caller barged in). */
    public record Interrupt(Duration after) implements Step {}

    /** Sends a {@code toolCall} ({@code args} an object) and waits for the {@code toolResponse} answering its id. */
    public record CallTool(String name, String argumentsJson) implements Step {}

    /** Sends {@code goAway} (the server will close soon). */
    public record GoAway(String timeLeft) implements Step {}

    /** Closes the socket from the server's side, mid-call (Gemini reports errors this way: 1011 internal error…). */
    public record Close(int code, String reason) implements Step {}

    /** Waits (model time passing: nothing sent). */
    public record Pause(Duration length) implements Step {}

    private final List<Step> steps;

    private GeminiScript(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GeminiScript}. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        public Builder say(String transcript, Duration audio) {
            return say(transcript, audio, 440);
        }

        public Builder say(String transcript, Duration audio, int toneHz) {
            steps.add(new Say(transcript, audio, toneHz, true));
            return this;
        }

        /** As {@link #say}, leaving the turn open: nothing says it is complete. */
        public Builder startSaying(String transcript, Duration audio) {
            steps.add(new Say(transcript, audio, 440, false));
            return this;
        }

        public Builder callerSays(String transcript, Duration speech) {
            steps.add(new CallerSays(transcript, speech));
            return this;
        }

        public Builder interrupt(Duration after) {
            steps.add(new Interrupt(after));
            return this;
        }

        public Builder callTool(String name, String argumentsJson) {
            steps.add(new CallTool(name, argumentsJson));
            return this;
        }

        public Builder goAway(String timeLeft) {
            steps.add(new GoAway(timeLeft));
            return this;
        }

        public Builder close(int code, String reason) {
            steps.add(new Close(code, reason));
            return this;
        }

        public Builder pause(Duration length) {
            steps.add(new Pause(length));
            return this;
        }

        public GeminiScript build() {
            return new GeminiScript(steps);
        }
    }
}
