package dev.switchboard.domain.call;

import java.util.Locale;
import java.util.Optional;

/** Whether the caller phoned the business or the business phoned out. */
public enum CallDirection {
    INBOUND, OUTBOUND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallDirection> parse(String text) {
        if (text == null) return Optional.empty();
        var constant = text.strip().toUpperCase(Locale.ROOT);
        // Twilio says "outbound-api" / "outbound-dial" for calls we placed.
        if (constant.startsWith("OUTBOUND")) return Optional.of(OUTBOUND);
        if (constant.equals("INBOUND")) return Optional.of(INBOUND);
        return Optional.empty();
    }
}
