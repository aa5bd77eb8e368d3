package dev.switchboard.domain.telephony;

import java.util.Objects;
import java.util.function.Function;

/**
 * What Twilio decided: it did what was asked ({@link Accepted}), or it refused with its own error
 * code and message ({@link Refused}). Failures to reach Twilio are not results: they are thrown
 * as {@link dev.switchboard.domain.shared.PortFailure}.
 */
public sealed interface TelephonyResult<T> {
    record Accepted<T>(T value) implements TelephonyResult<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Refusal refusal) implements TelephonyResult<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static <T> TelephonyResult<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> TelephonyResult<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    default boolean isAccepted() {
        return this instanceof Accepted<T>;
    }

    /** The value, or an {@link IllegalStateException} naming Twilio's refusal. */
    default T orElseThrow() {
        if (this instanceof Accepted<T> accepted) return accepted.value();
        throw new IllegalStateException("Twilio refused: " + ((Refused<T>) this).refusal());
    }

    default <R> TelephonyResult<R> map(Function<T, R> mapping) {
        if (this instanceof Accepted<T> accepted) return new Accepted<>(mapping.apply(accepted.value()));
        return new Refused<>(((Refused<T>) this).refusal());
    }
}
