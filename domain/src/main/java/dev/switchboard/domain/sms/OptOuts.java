package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;

/**
 * Recipients who replied STOP to one of a tenant's numbers: the tenant sends them nothing until
 * they reply START. Per tenant — a STOP to one tenant says nothing about another. Numbers are
 * kept as the carrier wrote them ({@code +E164}).
 */
public interface OptOuts {
    /** Idempotent; keeps the first time when already opted out. */
    void optOut(TenantId tenant, String number, Instant at);

    /** Idempotent. */
    void optIn(TenantId tenant, String number);

    boolean isOptedOut(TenantId tenant, String number);
}
