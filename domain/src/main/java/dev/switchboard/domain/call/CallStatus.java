package dev.switchboard.domain.call;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a call is in its life. Only moves forward, because Twilio and Vapi retry and reorder
 * their callbacks: a late "ringing" after "completed" must not resurrect the call.
 */
public enum CallStatus {
    QUEUED, INITIATED, RINGING, IN_PROGRESS, COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED;

    public boolean isFinal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    /** Later statuses win; a final status is never replaced. */
    public boolean canMoveTo(CallStatus next) {
        return !isFinal() && next.ordinal() > ordinal();
    }

    /** The wire name used by Twilio and our API: {@code in-progress}, {@code no-answer}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name ({@code in-progress}) or a constant name ({@code IN_PROGRESS}). */
    public static Optional<CallStatus> parse(String text) {
        if (text == null) return Optional.empty();
        var constant = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (var status : values()) if (status.name().equals(constant)) return Optional.of(status);
        return Optional.empty();
    }
}
