package dev.switchboard.testkit.caller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the virtual caller does once connected, step by step. Build with {@link #builder()}.
 *
 * <p>A {@code say} or {@code press} waits for the agent's whole turn ({@code text} with
 * {@code last:true}, or {@code end}). When the next step is an {@code interrupt}, it waits only for
 * the interrupt's first {@code afterTokens} tokens instead, so the caller barges in mid-turn.
 *
 * @param steps the steps, in order
 */
public record CallScript(List<Step> steps) {

    public CallScript {
        steps = List.copyOf(steps);
    }

    /** One thing the caller does. */
    public sealed interface Step {}

    /**
     * The caller says {@code text}: {@code partials} go first as {@code prompt} with {@code last:false},
     * then {@code text} with {@code last:true}. {@code lang} empty means the TwiML's language.
     */
    public record Say(String text, List<String> partials, Optional<String> lang) implements Step {
        public Say {
            partials = List.copyOf(partials);
        }
    }

    /** The caller presses keys: one {@code dtmf} message per digit; optionally waits for the agent's reply. */
    public record Press(String digits, boolean awaitReply) implements Step {
        public Press {
            if (!digits.matches("[0-9*#A-Da-d]+")) throw new IllegalArgumentException("not DTMF digits: " + digits);
        }
    }

    /**
     * The caller barges in once the agent has sent {@code afterTokens} tokens of its turn.
     * {@code utteranceUntilInterrupt} is {@code heard} if given, else the turn's text so far cut to
     * {@code maxChars}.
     */
    public record Interrupt(int afterTokens, Optional<String> heard, int maxChars, long durationUntilInterruptMs) implements Step {}

    /** A raw text frame (malformed JSON, unknown types…) for robustness tests; nothing awaited. */
    public record Garbage(String frame) implements Step {}

    /** A raw binary frame, which Twilio never sends; nothing awaited. */
    public record GarbageBinary(byte[] frame) implements Step {}

    /** The caller stays silent this long. */
    public record Pause(Duration duration) implements Step {}

    /** Wait for an agent turn without saying anything (a greeting sent over the socket, a follow-up). */
    public record Listen() implements Step {}

    /** Wait until the server ends the session ({@code end} or closing the socket), collecting any speech. */
    public record AwaitEnd() implements Step {}

    /** The caller hangs up now; later steps are skipped. */
    public record HangUp() implements Step {}

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CallScript}. Not thread-safe. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        private Builder() {}

        public Builder say(String text) {
            return step(new Say(text, List.of(), Optional.empty()));
        }

        public Builder say(String text, String lang) {
            return step(new Say(text, List.of(), Optional.of(lang)));
        }

        /** Says {@code text} after partial transcripts of its growing word prefixes. */
        public Builder sayWithPartials(String text) {
            var words = text.split(" ");
            var partials = new ArrayList<String>();
            for (int n = 1; n < words.length; n++) partials.add(String.join(" ", Arrays.copyOf(words, n)));
            return step(new Say(text, partials, Optional.empty()));
        }

        public Builder sayWithPartials(String text, List<String> partials) {
            return step(new Say(text, partials, Optional.empty()));
        }

        /** Presses keys and waits for the agent's reply. */
        public Builder press(String digits) {
            return step(new Press(digits, true));
        }

        public Builder press(String digits, boolean awaitReply) {
            return step(new Press(digits, awaitReply));
        }

        /** Barges in after the agent's first token, reporting everything received so far as heard. */
        public Builder interrupt() {
            return step(new Interrupt(1, Optional.empty(), Integer.MAX_VALUE, 0));
        }

        /** Barges in after {@code afterTokens} tokens, reporting at most {@code maxChars} of them as heard. */
        public Builder interrupt(int afterTokens, int maxChars, long durationUntilInterruptMs) {
            return step(new Interrupt(afterTokens, Optional.empty(), maxChars, durationUntilInterruptMs));
        }

        /** Barges in after the first token, reporting exactly {@code heard}. */
        public Builder interruptWith(String heard, long durationUntilInterruptMs) {
            return step(new Interrupt(1, Optional.of(heard), Integer.MAX_VALUE, durationUntilInterruptMs));
        }

        public Builder garbage(String frame) {
            return step(new Garbage(frame));
        }

        public Builder garbage(byte[] frame) {
            return step(new GarbageBinary(frame.clone()));
        }

        public Builder pause(Duration duration) {
            return step(new Pause(duration));
        }

        public Builder listen() {
            return step(new Listen());
        }

        public Builder awaitEnd() {
            return step(new AwaitEnd());
        }

        public Builder hangUp() {
            return step(new HangUp());
        }

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public CallScript build() {
            return new CallScript(steps);
        }
    }
}
