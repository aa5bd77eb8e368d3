package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a text message, sent or received. */
public record SmsId(UUID value) {
    public SmsId {
        Objects.requireNonNull(value, "SmsId");
    }

    public static SmsId random() {
        return new SmsId(RandomUuids.next());
    }

    public static SmsId parse(String text) {
        return new SmsId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
