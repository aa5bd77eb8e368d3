package dev.switchboard.domain.diagnosis;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a diagnosis waits before it calls something missing.
 *
 * @param silence a caller who hangs up after waiting longer than this for the agent hung up in silence
 * @param socketGrace how long after our TwiML the socket (and its first message) may still come
 * @param statusCallbackGrace how long after the media ended Twilio's final status callback may still come
 */
public record DiagnosisPolicy(Duration silence, Duration socketGrace, Duration statusCallbackGrace) {
    public static final DiagnosisPolicy DEFAULT = new DiagnosisPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public DiagnosisPolicy {
        Objects.requireNonNull(silence, "silence");
        Objects.requireNonNull(socketGrace, "socketGrace");
        Objects.requireNonNull(statusCallbackGrace, "statusCallbackGrace");
        if (silence.isNegative() || socketGrace.isNegative() || statusCallbackGrace.isNegative())
            throw new IllegalArgumentException("diagnosis durations must not be negative");
    }
}
