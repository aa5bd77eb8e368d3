package dev.switchboard.testkit.caller;

/** The server refused the ConversationRelay WebSocket handshake (Twilio's error 64102). */
public final class RelayHandshakeRejected extends RuntimeException {
    private final int status;

    RelayHandshakeRejected(String url, int status, Throwable cause) {
        super("WebSocket handshake to " + url + " answered " + (status < 0 ? "nothing" : "HTTP " + status), cause);
        this.status = status;
    }

    /** The HTTP status of the refused handshake, or {@code -1} when the server was unreachable. */
    public int status() {
        return status;
    }
}
