package dev.switchboard.domain.sms;

import java.time.Instant;

/**
 * Filters for listing messages; a {@code null} field does not filter.
 *
 * @param number a number on either end of the message (sender or recipient), E.164
 * @param from created at or after (inclusive)
 * @param to created before (exclusive)
 */
public record SmsQuery(SmsDirection direction, SmsStatus status, String number, Instant from, Instant to) {
    public static SmsQuery all() {
        return new SmsQuery(null, null, null, null, null);
    }
}
