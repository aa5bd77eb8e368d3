package dev.switchboard.twilio.in;

import dev.switchboard.domain.conversation.ConversationOutput;
import dev.switchboard.domain.conversation.HandOff;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.WebSocketSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The engine's voice on a ConversationRelay socket: {@code text} tokens as they stream, and
 * {@code end} with hand-off data for transfers and hang-ups (Twilio then calls our action URL).
 *
 * <p>One message is written at a time. Tokens that arrive while a write is still on its way are
 * joined into the next {@code text} message instead of each becoming a frame, a task on the event
 * loop and a system call of its own: ConversationRelay speaks the concatenation either way, a token
 * that finds the socket idle still leaves at once (the first token is never held), and at 1,000
 * calls the per-word frames were a third of the server's CPU (JFR, issue 12). Messages leave in the
 * order they were given.
 */
final class RelayOutput implements ConversationOutput {
    private final WebSocketSession session;
    private final JsonMapper json;
    private final String callId;
    /** Guarded by itself: what waits for the write in flight, {@link Tokens} or a whole message. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private boolean writing;

    /** Tokens of one reply joined while they waited; {@code last} once the reply's final token is in. */
    private static final class Tokens {
        final StringBuilder text;
        boolean last;

        Tokens(String first, boolean last) {
            this.text = new StringBuilder(first);
            this.last = last;
        }
    }

    RelayOutput(WebSocketSession session, JsonMapper json, String callId) {
        this.session = session;
        this.json = json;
        this.callId = callId;
    }

    @Override
    public void text(String delta, boolean last) {
        synchronized (waiting) {
            if (writing) {
                // Joins the text already waiting, unless that text ended its reply or something else came after it.
                if (waiting.peekLast() instanceof Tokens tokens && !tokens.last) {
                    tokens.text.append(delta);
                    tokens.last = last;
                } else {
                    waiting.addLast(new Tokens(delta, last));
                }
                return;
            }
            writing = true;
        }
        write(textMessage(delta, last));
    }

    /** Written by hand: a reply is a dozen of these, and a map through the JSON mapper cost more than the rest of the send. */
    private static String textMessage(CharSequence tokens, boolean last) {
        var message = new StringBuilder(tokens.length() + 48).append("{\"type\":\"text\",\"token\":");
        return JsonText.quote(tokens.toString(), message).append(",\"last\":").append(last).append('}').toString();
    }

    @Override
    public boolean sendDigits(String digits) {
        send(Map.of("type", "sendDigits", "digits", digits));
        return session.isOpen();
    }

    @Override
    public void handOff(HandOff handOff) {
        send(Map.of("type", "end", "handoffData", HandoffData.transfer(handOff, callId).toJson(json)));
    }

    @Override
    public void hangUp(String reason) {
        send(Map.of("type", "end", "handoffData", HandoffData.hangup(reason, callId).toJson(json)));
    }

    /** Ends the session between turns because this instance is shutting down (Twilio then calls our action URL). */
    void endForShutdown(String reason) {
        send(Map.of("type", "end", "handoffData", HandoffData.shutdown(reason, callId).toJson(json)));
    }

    void send(Map<String, Object> message) {
        try {
            send(new String(json.writeValueAsBytes(message), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a relay message that cannot be written as JSON: " + message.get("type"), e);
        }
    }

    /**
     * Queued on the socket's event loop without waiting for the write: the call's lane goes on, and
     * what it sends meanwhile waits here, in order (see the class). Waiting for each token held a
     * turn thread through an event-loop round trip per word (issue 12).
     */
    private void send(String message) {
        synchronized (waiting) {
            if (writing) {
                waiting.addLast(message);
                return;
            }
            writing = true;
        }
        write(message);
    }

    private void write(String message) {
        if (!session.isOpen()) {
            nothingMoreToWrite();
            return;
        }
        try {
            session.sendAsync(message).whenComplete((sent, failure) -> writeNext());
        } catch (RuntimeException e) {
            // The caller hung up while we spoke: nothing left to tell them.
            nothingMoreToWrite();
        }
    }

    private void writeNext() {
        String next;
        synchronized (waiting) {
            var head = waiting.pollFirst();
            if (head == null) {
                writing = false;
                return;
            }
            next = head instanceof Tokens tokens ? textMessage(tokens.text, tokens.last) : (String) head;
        }
        write(next);
    }

    private void nothingMoreToWrite() {
        synchronized (waiting) {
            waiting.clear();
            writing = false;
        }
    }
}
