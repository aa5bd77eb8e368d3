package dev.switchboard.testkit.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake speech-to-speech model does during one call, step by step, once the client has
 * configured the session. Steps run in order on their own thread; a step that waits (for caller
 * audio, for a tool's answer) waits on what the fake actually received. Immutable.
 *
 * <pre>{@code
 * RealtimeScript.builder()
 *     .say("Salon Lumière, bonjour.", Duration.ofMillis(800))
 *     .callerSays("A haircut tomorrow, please.", Duration.ofMillis(600))
 *     .callTool("check_availability", "{\"date\":\"2026-03-03\"}")
 *     .say("Tomorrow at ten is free.", Duration.ofMillis(1000))
 *     .build();
 * }</pre>
 */
public final class RealtimeScript {
    /** One step. */
    public sealed interface Step {}

    /** The agent speaks: audio of {@code audio} length (a tone), sent faster than real time, and its transcript. */
    public record Say(String transcript, Duration audio, int toneHz) implements Step {}

    /** Waits until {@code speech} worth of caller audio arrived, then reports the caller's turn and its transcript. */
    public record CallerSays(String transcript, Duration speech) implements Step {}

    /** Waits until {@code after} of caller audio arrived, then reports the caller started speaking (and nothing else). */
    public record SpeechStarted(Duration after) implements Step {}

    /** Asks for a tool call and waits for its output and the client's {@code response.create}. */
    public record CallTool(String name, String argumentsJson) implements Step {}

    /** Sends an {@code error} event (the session stays open, as OpenAI's do). */
    public record Error(String type, String code, String message) implements Step {}

    /** Closes the socket from the server's side, mid-call. */
    public record Close(int code, String reason) implements Step {}

    /** Waits (model time passing: nothing sent). */
    public record Pause(Duration length) implements Step {}

    private final List<Step> steps;
    private final boolean usage;

    private RealtimeScript(List<Step> steps, boolean usage) {
        this.steps = List.copyOf(steps);
        this.usage = usage;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Whether each {@code response.done} carries {@code usage} (OpenAI's always does; a script may leave it out). */
    public boolean reportsUsage() {
        return usage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RealtimeScript}. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private boolean usage = true;

        /** {@code response.done} without {@code usage}: the client must estimate what the responses cost. */
        public Builder withoutUsage() {
            usage = false;
            return this;
        }

        public Builder say(String transcript, Duration audio) {
            return say(transcript, audio, 440);
        }

        public Builder say(String transcript, Duration audio, int toneHz) {
            steps.add(new Say(transcript, audio, toneHz));
            return this;
        }

        public Builder callerSays(String transcript, Duration speech) {
            steps.add(new CallerSays(transcript, speech));
            return this;
        }

        public Builder speechStarted(Duration after) {
            steps.add(new SpeechStarted(after));
            return this;
        }

        public Builder callTool(String name, String argumentsJson) {
            steps.add(new CallTool(name, argumentsJson));
            return this;
        }

        public Builder error(String type, String code, String message) {
            steps.add(new Error(type, code, message));
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

        public RealtimeScript build() {
            return new RealtimeScript(steps, usage);
        }
    }
}
