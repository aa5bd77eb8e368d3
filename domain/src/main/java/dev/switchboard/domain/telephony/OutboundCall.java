package dev.switchboard.domain.telephony;

import dev.switchboard.domain.shared.E164Number;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A call to place (PROTOCOLS.md §7.2).
 *
 * @param from a number the account holds
 * @param voiceUrl where Twilio asks for TwiML once the call is answered (our voice webhook)
 * @param statusCallback where Twilio reports progress (our status webhook)
 * @param statusEvents which progress events to report; Twilio reports only {@code completed} when empty
 * @param machineDetection whether Twilio tells a person from an answering machine ({@code AnsweredBy})
 * @param ringTimeout how long to ring before {@code no-answer}; null for Twilio's 60 s
 */
public record OutboundCall(E164Number to, E164Number from, URI voiceUrl, URI statusCallback, Set<Progress> statusEvents,
                           MachineDetection machineDetection, Duration ringTimeout) {
    /** The call progress events Twilio can report ({@code StatusCallbackEvent}). */
    public enum Progress {
        INITIATED, RINGING, ANSWERED, COMPLETED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Answering machine detection ({@code MachineDetection}). */
    public enum MachineDetection {
        OFF(null), ENABLE("Enable"), DETECT_MESSAGE_END("DetectMessageEnd");

        private final String wireName;

        MachineDetection(String wireName) {
            this.wireName = wireName;
        }

        /** Twilio's value, null when off. */
        public String wireName() {
            return wireName;
        }
    }

    public OutboundCall {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(voiceUrl, "voiceUrl");
        Objects.requireNonNull(statusCallback, "statusCallback");
        statusEvents = statusEvents == null || statusEvents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statusEvents));
        machineDetection = machineDetection == null ? MachineDetection.OFF : machineDetection;
        if (ringTimeout != null && (ringTimeout.toSeconds() < 1 || ringTimeout.toSeconds() > 600))
            throw new IllegalArgumentException("ring timeout must be 1–600 s: " + ringTimeout);
    }

    /** A call reporting every progress event, without machine detection, ringing for Twilio's default. */
    public static OutboundCall of(E164Number to, E164Number from, URI voiceUrl, URI statusCallback) {
        return new OutboundCall(to, from, voiceUrl, statusCallback, EnumSet.allOf(Progress.class), MachineDetection.OFF, null);
    }

    public OutboundCall withMachineDetection(MachineDetection detection) {
        return new OutboundCall(to, from, voiceUrl, statusCallback, statusEvents, detection, ringTimeout);
    }

    public OutboundCall withRingTimeout(Duration timeout) {
        return new OutboundCall(to, from, voiceUrl, statusCallback, statusEvents, machineDetection, timeout);
    }
}
