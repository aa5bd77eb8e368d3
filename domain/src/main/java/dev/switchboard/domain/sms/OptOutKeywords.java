package dev.switchboard.domain.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The replies carriers and Twilio treat as unsubscribing and resubscribing: the whole message is
 * the keyword, in any case, surrounding spaces and a final full stop or exclamation mark aside
 * ("Stop", " STOP! "). "Please stop calling me" is a message, not an opt-out.
 */
public final class OptOutKeywords {
    /** What a reply asks for. */
    public enum Request { STOP, START }

    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START = Set.of("START", "UNSTOP", "YES");

    private OptOutKeywords() {}

    public static Optional<Request> of(String body) {
        if (body == null) return Optional.empty();
        var word = body.strip().replaceAll("[.!]+$", "").strip().toUpperCase(Locale.ROOT);
        if (STOP.contains(word)) return Optional.of(Request.STOP);
        if (START.contains(word)) return Optional.of(Request.START);
        return Optional.empty();
    }
}
