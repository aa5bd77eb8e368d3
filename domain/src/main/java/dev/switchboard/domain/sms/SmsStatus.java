package dev.switchboard.domain.sms;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a message is (PROTOCOLS.md §7.4). Sent messages only move forward — queued → sending →
 * sent → delivered, or undelivered / failed at any point — because Twilio's delivery reports
 * arrive out of order and more than once: a report that would move a message back, or move a
 * final one, changes nothing. A received message is {@link #RECEIVED} from the start.
 */
public enum SmsStatus {
    QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(3), FAILED(3), CANCELED(3), RECEIVED(3);

    private final int rank;

    SmsStatus(int rank) {
        this.rank = rank;
    }

    public boolean isFinal() {
        return rank == 3;
    }

    /** Later statuses win; a final status is never replaced. */
    public boolean canMoveTo(SmsStatus next) {
        return !isFinal() && next.rank > rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Twilio's {@code MessageStatus} / {@code status}: {@code accepted} and {@code scheduled} are
     * still queued (a Messaging Service holds them), {@code read} and {@code partially_delivered}
     * count as delivered, {@code receiving} as received. Unknown values are empty.
     */
    public static Optional<SmsStatus> parse(String text) {
        if (text == null) return Optional.empty();
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "queued", "accepted", "scheduled" -> Optional.of(QUEUED);
            case "sending" -> Optional.of(SENDING);
            case "sent" -> Optional.of(SENT);
            case "delivered", "read", "partially_delivered" -> Optional.of(DELIVERED);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed" -> Optional.of(FAILED);
            case "canceled" -> Optional.of(CANCELED);
            case "received", "receiving" -> Optional.of(RECEIVED);
            default -> Optional.empty();
        };
    }
}
