package dev.switchboard.domain.assistant;

import java.util.Objects;

/**
 * How an assistant places calls.
 *
 * @param machineDetection ask Twilio to tell a person from an answering machine ({@code MachineDetection=Enable})
 * @param voicemailMessage said to an answering machine before hanging up ({@code {{variables}}} allowed);
 *     {@code null}: hang up at once
 * @param retry tries again after busy / no-answer
 */
public record OutboundSettings(boolean machineDetection, String voicemailMessage, RetryPolicy retry) {
    public static final OutboundSettings DEFAULT = new OutboundSettings(false, null, RetryPolicy.ONCE);

    public OutboundSettings {
        voicemailMessage = Text.optional(voicemailMessage);
        if (voicemailMessage != null && voicemailMessage.length() > 2000)
            throw new IllegalArgumentException("voicemailMessage: at most 2000 characters");
        Objects.requireNonNull(retry, "retry");
    }
}
