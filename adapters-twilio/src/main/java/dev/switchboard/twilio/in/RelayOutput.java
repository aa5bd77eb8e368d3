package dev.switchboard.twilio.in;

import dev.switchboard.domain.conversation.ConversationOutput;
import dev.switchboard.domain.conversation.HandOff;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.WebSocketSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The engine's voice on a ConversationRelay socket: {@code text} tokens as they stream, and
 * {@code end} with hand-off data for transfers and hang-ups (Twilio then calls our action URL).
 */
final class RelayOutput implements ConversationOutput {
    private final WebSocketSession session;
    private final JsonMapper json;
    private final String callId;

    RelayOutput(WebSocketSession session, JsonMapper json, String callId) {
        this.session = session;
        this.json = json;
        this.callId = callId;
    }

    /** Written by hand: a reply is a dozen of these, and a map through the JSON mapper cost more than the rest of the send. */
    @Override
    public void text(String delta, boolean last) {
        var message = new StringBuilder(delta.length() + 48).append("{\"type\":\"text\",\"token\":");
        JsonText.quote(delta, message).append(",\"last\":").append(last).append('}');
        send(message.toString());
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
     * Queued on the socket's event loop without waiting for the write: the call's lane sends its
     * messages one after another, and Netty writes them in the order they were queued. Waiting
     * for each token held a turn thread through an event-loop round trip per word (issue 12).
     */
    private void send(String message) {
        if (!session.isOpen()) return;
        try {
            session.sendAsync(message);
        } catch (RuntimeException e) {
            // The caller hung up while we spoke: nothing left to tell them.
        }
    }
}
