package dev.switchboard.domain.phone;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a phone number a tenant attached to Switchboard. */
public record PhoneNumberId(UUID value) {
    public PhoneNumberId {
        Objects.requireNonNull(value, "PhoneNumberId");
    }

    public static PhoneNumberId random() {
        return new PhoneNumberId(RandomUuids.next());
    }

    public static PhoneNumberId parse(String text) {
        return new PhoneNumberId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
