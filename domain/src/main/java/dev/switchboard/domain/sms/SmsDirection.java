package dev.switchboard.domain.sms;

import java.util.Locale;
import java.util.Optional;

/** Whether a message was sent by the platform or received on one of the tenant's numbers. */
public enum SmsDirection {
    INBOUND, OUTBOUND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SmsDirection> parse(String text) {
        if (text == null) return Optional.empty();
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "inbound" -> Optional.of(INBOUND);
            case "outbound", "outbound-api", "outbound-call", "outbound-reply" -> Optional.of(OUTBOUND);
            default -> Optional.empty();
        };
    }
}
