package dev.switchboard.testkit.caller;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the agent sent in answer to one caller input.
 *
 * @param callerInput     what the caller did: the final prompt text, {@code "dtmf:0"}, or {@code ""} (listening)
 * @param tokens          every {@code text} token, in order, including an empty final one
 * @param timeToFirstToken from sending the final prompt (or digit) to the first {@code text} message;
 *                        empty if none came. A measurement, not something to assert on.
 * @param ending          how the turn finished
 * @param heard           for an interrupted turn, the {@code utteranceUntilInterrupt} sent
 */
public record AgentTurn(String callerInput, List<String> tokens, Optional<Duration> timeToFirstToken, Ending ending,
                        Optional<String> heard) {

    public AgentTurn {
        tokens = List.copyOf(tokens);
    }

    /** How an agent turn finished. */
    public enum Ending {
        /** A {@code text} message with {@code last:true}. */
        LAST_TOKEN,
        /** The server sent {@code end}. */
        END_MESSAGE,
        /** The caller barged in. */
        INTERRUPTED,
        /** The socket closed or broke. */
        SOCKET_CLOSED,
        /** Nothing finished the turn within the reply timeout. */
        TIMED_OUT
    }

    /** The tokens joined: what the agent said. */
    public String text() {
        return String.join("", tokens);
    }
}
