package dev.switchboard.testkit.caller;

/**
 * One WebSocket message on the ConversationRelay socket, in either direction.
 *
 * @param direction who sent it
 * @param text      the text frame, or for a binary frame its length as {@code <binary N bytes>}
 */
public record RelayFrame(Direction direction, String text) {

    /** Who sent a frame. */
    public enum Direction {
        /** From the caller side (Twilio) to the server. */
        TO_SERVER,
        /** From the server to the caller side (Twilio). */
        FROM_SERVER
    }

    static RelayFrame sent(String text) {
        return new RelayFrame(Direction.TO_SERVER, text);
    }

    static RelayFrame received(String text) {
        return new RelayFrame(Direction.FROM_SERVER, text);
    }
}
