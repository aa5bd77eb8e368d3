package dev.switchboard.domain.telephony;

import dev.switchboard.domain.shared.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose Twilio account a request acts in: the tenant's, and optionally which one — a tenant may
 * have its own account and still use numbers on the platform's.
 *
 * @param accountSid an account SID ({@code AC…}) that must be the tenant's connection's or the
 *     platform's; {@code null} for the tenant's default (its own connection, else the platform's)
 */
public record TelephonyAccount(TenantId tenant, String accountSid) {
    public TelephonyAccount {
        Objects.requireNonNull(tenant, "tenant");
        if (accountSid != null && accountSid.isBlank()) accountSid = null;
    }

    /** The tenant's default account: its own Twilio connection, else the platform's. */
    public static TelephonyAccount of(TenantId tenant) {
        return new TelephonyAccount(tenant, null);
    }

    /** A given account of the tenant, e.g. the {@code AccountSid} a webhook arrived with. */
    public static TelephonyAccount of(TenantId tenant, String accountSid) {
        return new TelephonyAccount(tenant, accountSid);
    }

    public Optional<String> chosenAccountSid() {
        return Optional.ofNullable(accountSid);
    }
}
