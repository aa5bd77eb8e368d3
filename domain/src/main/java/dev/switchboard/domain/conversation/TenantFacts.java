package dev.switchboard.domain.conversation;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the agent knows about the business it answers for.
 *
 * @param openingHours human-readable opening hours; {@code null} when not configured
 */
public record TenantFacts(String name, ZoneId timezone, String openingHours) {
    public TenantFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timezone, "timezone");
    }
}
