package dev.switchboard.testkit.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the server's messages into agent turns: {@code text} tokens until {@code last:true} or
 * {@code end}; notes {@code end} and a closed socket. {@code play}, {@code sendDigits} and
 * {@code language} stay in the frame log only. Strict as Twilio: any message Twilio would reject
 * ({@link RelayMessageRules}) throws {@link TwilioWouldReject} on the test's thread.
 */
final class TurnCollector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallListener listener;
    private final Duration timeout;
    private String input;
    private long sentAt;
    private List<String> tokens;
    private Duration firstToken;
    private String endMessage;
    private boolean socketClosed;

    TurnCollector(CallListener listener, Duration timeout) {
        this.listener = listener;
        this.timeout = timeout;
    }

    /**
     * Starts a turn answering {@code input} (sent at {@code sentAt}, {@link System#nanoTime()})
     * and reads until it finishes, or until {@code stopAfterTokens} non-empty tokens (0: no limit),
     * leaving it open.
     */
    Optional<AgentTurn> collect(RelayConnection relay, String input, long sentAt, int stopAfterTokens) {
        return collect(relay, input, sentAt, stopAfterTokens, timeout);
    }

    /** As above, waiting at most {@code timeout} for each message. */
    Optional<AgentTurn> collect(RelayConnection relay, String input, long sentAt, int stopAfterTokens, Duration timeout) {
        this.input = input;
        this.sentAt = sentAt;
        this.tokens = new ArrayList<>();
        this.firstToken = null;
        while (true) {
            var next = relay.next(timeout);
            if (next.isEmpty()) return Optional.of(finish(AgentTurn.Ending.TIMED_OUT, Optional.empty()));
            var ending = take(next.get());
            if (ending != null) return Optional.of(finish(ending, Optional.empty()));
            if (stopAfterTokens > 0 && tokens.stream().filter(t -> !t.isEmpty()).count() >= stopAfterTokens) return Optional.empty();
        }
    }

    /**
     * Messages that arrived between steps: they continue an open turn (returned if that finishes);
     * otherwise stale tokens are dropped, and {@code end} and closing are noted.
     */
    Optional<AgentTurn> absorb(List<RelayConnection.Incoming> pending) {
        Optional<AgentTurn> finished = Optional.empty();
        for (var incoming : pending) {
            if (isOpen()) {
                var ending = take(incoming);
                if (ending != null) finished = Optional.of(finish(ending, Optional.empty()));
            } else if (incoming instanceof RelayConnection.Incoming.Message m) {
                RelayMessageRules.violation(m.text()).ifPresent(why -> {
                    throw new TwilioWouldReject(m.text(), why);
                });
                var json = parse(m.text());
                if (json != null && "end".equals(json.path("type").asText())) noteEnd(m.text());
            } else {
                socketClosed = true;
            }
        }
        return finished;
    }

    boolean isOpen() {
        return tokens != null;
    }

    String textSoFar() {
        return isOpen() ? String.join("", tokens) : "";
    }

    /** Closes the open turn as interrupted, the caller having heard {@code heard}. */
    AgentTurn interrupted(String heard) {
        return finish(AgentTurn.Ending.INTERRUPTED, Optional.of(heard));
    }

    Optional<String> endMessage() {
        return Optional.ofNullable(endMessage);
    }

    boolean socketClosed() {
        return socketClosed;
    }

    /** @return how the turn ends with this message, or {@code null} if it goes on */
    private AgentTurn.Ending take(RelayConnection.Incoming incoming) {
        if (!(incoming instanceof RelayConnection.Incoming.Message message)) {
            socketClosed = true;
            return AgentTurn.Ending.SOCKET_CLOSED;
        }
        RelayMessageRules.violation(message.text()).ifPresent(why -> {
            throw new TwilioWouldReject(message.text(), why);
        });
        var json = parse(message.text());
        if (json == null) return null;
        switch (json.path("type").asText()) {
            case "text" -> {
                var token = json.path("token").asText("");
                if (firstToken == null) {
                    firstToken = Duration.ofNanos(System.nanoTime() - sentAt);
                    listener.agentStarted();
                }
                tokens.add(token);
                listener.agentToken(token);
                return json.path("last").asBoolean(false) ? AgentTurn.Ending.LAST_TOKEN : null;
            }
            case "end" -> {
                noteEnd(message.text());
                return AgentTurn.Ending.END_MESSAGE;
            }
            default -> {
                return null;
            }
        }
    }

    private void noteEnd(String message) {
        if (endMessage == null) {
            endMessage = message;
            listener.sessionEnded(message);
        }
    }

    private AgentTurn finish(AgentTurn.Ending ending, Optional<String> heard) {
        var turn = new AgentTurn(input, tokens, Optional.ofNullable(firstToken), ending, heard);
        // Silence while merely listening is not a turn worth reporting.
        if (!(tokens.isEmpty() && input.isEmpty())) listener.agentTurnEnded(turn);
        tokens = null;
        return turn;
    }

    private static JsonNode parse(String text) {
        try {
            var node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
