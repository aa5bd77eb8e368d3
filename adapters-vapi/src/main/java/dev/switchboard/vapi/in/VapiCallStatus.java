package dev.switchboard.vapi.in;

import dev.switchboard.domain.call.CallStatus;
import java.util.Locale;
import java.util.Optional;

/** Vapi's call statuses and ended reasons in our forward-only {@link CallStatus}. */
public final class VapiCallStatus {
    private VapiCallStatus() {}

    /** The status a {@code status-update} reports; empty for ones that are not a stage ({@code forwarding}, …). */
    public static Optional<CallStatus> of(String status, String endedReason) {
        if (status == null) return Optional.empty();
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "scheduled", "queued" -> Optional.of(CallStatus.QUEUED);
            case "ringing" -> Optional.of(CallStatus.RINGING);
            case "in-progress" -> Optional.of(CallStatus.IN_PROGRESS);
            case "ended" -> Optional.of(ended(endedReason));
            default -> Optional.empty();
        };
    }

    /** How a call that ended for {@code endedReason} (Vapi's free-form enum, PROTOCOLS.md §8.6) counts. */
    public static CallStatus ended(String endedReason) {
        if (endedReason == null) return CallStatus.COMPLETED;
        var reason = endedReason.toLowerCase(Locale.ROOT);
        if (reason.equals("customer-busy")) return CallStatus.BUSY;
        if (reason.equals("customer-did-not-answer")) return CallStatus.NO_ANSWER;
        if (reason.equals("manually-canceled")) return CallStatus.CANCELED;
        if (reason.contains("error") || reason.contains("failed")) return CallStatus.FAILED;
        return CallStatus.COMPLETED;
    }
}
