package dev.switchboard.twilio.in;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket message from Twilio, read strictly. Twilio sends JSON in text frames only
 * (PROTOCOLS.md §5, §6), so a binary frame, or a text frame whose bytes are not UTF-8, is not a
 * message of Twilio's: it is refused with a reason for the call's timeline, and never acted on.
 * Micronaut would have taken both as text (a binary frame's bytes, malformed UTF-8 replaced by
 * U+FFFD), and the caller's "words" would have reached the model and the transcript.
 */
sealed interface InboundText {
    /**
     * Put in front of a binary message's bytes by {@link WebSocketMessageCap} (which sees the frame
     * types our socket classes do not). {@code 0xFF} never occurs in UTF-8, so no text message
     * can start with it; a client that sends these bytes itself only gets its own frame refused.
     */
    byte[] BINARY_MARKER = {(byte) 0xFF, (byte) 0x00};

    /**
     * Put after what was passed on of a message that went over the size cap, as its last fragment,
     * by {@link WebSocketMessageCap} just before it closes the socket with 1009: the socket's close
     * only says 1006 (abnormal), so this is how the call's timeline learns why it ended.
     */
    byte[] OVERSIZE_MARKER = {(byte) 0xFF, (byte) 0x01};

    record Text(String value) implements InboundText {}

    record Refused(String reason) implements InboundText {}

    static InboundText of(byte[] bytes) {
        int n = bytes.length;
        if (n >= 2 && bytes[n - 2] == OVERSIZE_MARKER[0] && bytes[n - 1] == OVERSIZE_MARKER[1])
            return new Refused("a message over the size limit: the socket was closed with 1009");
        if (bytes.length >= 2 && bytes[0] == BINARY_MARKER[0] && bytes[1] == BINARY_MARKER[1])
            return new Refused("a binary frame: Twilio sends JSON in text frames only");
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return new Refused("a text frame that is not valid UTF-8");
        }
    }
}
