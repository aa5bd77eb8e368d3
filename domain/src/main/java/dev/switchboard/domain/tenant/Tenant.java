package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A business using Switchboard. Its timezone decides what "today" and opening hours mean. */
public record Tenant(TenantId id, String name, ZoneId timezone, Instant createdAt) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("tenant name is required");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(createdAt, "createdAt");
        name = name.strip();
    }
}
