package dev.switchboard.domain.modelcall;

/**
 * Why a speech-to-speech session ended without the call ending.
 *
 * @param detail what the provider said or what went wrong, for the timeline (never a key)
 */
public record VoiceModelFailure(Kind kind, String detail) {
    public enum Kind {
        /** No connection (network, DNS, refused socket, timeout). */
        UNREACHABLE,
        /** The provider refused us (key unknown or revoked, model not allowed). */
        REFUSED,
        /** The provider failed the session (a fatal error event). */
        ERRORED,
        /** The provider closed the session mid-call. */
        CLOSED,
        /** No key for the provider anywhere (tenant or platform). */
        NO_KEY
    }

    public String wireName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
