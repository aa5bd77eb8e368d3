package dev.switchboard.domain.shared;

import java.util.Objects;
import java.util.UUID;

/** Identifies a tenant (a business). Every tenant-owned port method takes one. */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId random() {
        return new TenantId(RandomUuids.next());
    }

    public static TenantId parse(String text) {
        return new TenantId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
