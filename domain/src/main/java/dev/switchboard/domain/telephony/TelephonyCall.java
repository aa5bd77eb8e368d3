package dev.switchboard.domain.telephony;

import dev.switchboard.domain.call.CallStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A call as Twilio has it (its Call resource, PROTOCOLS.md §7.3).
 *
 * @param from the caller ({@code +E164}, or {@code client:…} / {@code sip:…})
 * @param direction {@code inbound}, {@code outbound-api} or {@code outbound-dial}
 * @param answeredBy machine detection's verdict ({@code human}, {@code machine_start}, …), or null
 * @param startTime when it was answered, null before
 * @param endTime when it ended, null before
 * @param durationSeconds talk time once it ended, null before
 */
public record TelephonyCall(String sid, String accountSid, String from, String to, CallStatus status, String direction,
                            String answeredBy, Instant startTime, Instant endTime, Integer durationSeconds) {
    public TelephonyCall {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(status, "status");
    }
}
