package dev.switchboard.domain.studio;

import java.util.Objects;

/**
 * A phone number as Vapi holds it.
 *
 * @param number E.164 as Vapi reports it
 * @param assistantId the Vapi assistant answering it; {@code null} when none is assigned
 */
public record HostedNumber(String id, String number, String assistantId) {
    public HostedNumber {
        Objects.requireNonNull(id, "id");
    }
}
