package dev.switchboard.twilio.out;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.twilio.config.TwilioProperties;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Twilio credentials act for a tenant: its own {@code twilio} connection (account SID and
 * sealed auth token), and the platform's account ({@code TWILIO_ACCOUNT_SID} and
 * {@code TWILIO_AUTH_TOKEN}) — a tenant with its own account may still use numbers on the
 * platform's. A platform with a token but no SID (the development token) has no REST account.
 */
@Singleton
final class TwilioCredentials {
    /** One account's credentials. Its {@code toString} never shows the token. */
    record Credentials(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "Credentials[" + accountSid + ", ***]";
        }
    }

    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final TwilioProperties platform;

    TwilioCredentials(ConnectionRepository connections, SecretVault vault, TwilioProperties platform) {
        this.connections = connections;
        this.vault = vault;
        this.platform = platform;
    }

    /** The tenant's accounts, its own first, each once. */
    List<Credentials> all(TenantId tenant) {
        var found = new ArrayList<Credentials>();
        own(tenant).ifPresent(found::add);
        platform().filter(p -> found.stream().noneMatch(c -> c.accountSid().equals(p.accountSid()))).ifPresent(found::add);
        return found;
    }

    /**
     * The credentials a request acts with: the named account if it is one of the tenant's, else
     * the tenant's default (its own, else the platform's).
     *
     * @throws PortFailure REJECTED_CREDENTIALS when the tenant has no Twilio account at all;
     *     NOT_FOUND when the named account is not one of the tenant's
     */
    Credentials resolve(TelephonyAccount account) {
        var all = all(account.tenant());
        if (all.isEmpty())
            throw new PortFailure(PortFailure.Category.REJECTED_CREDENTIALS, "no Twilio account to act in: connect one with "
                    + "PUT /api/v1/connections/twilio, or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN for the platform");
        var chosen = account.chosenAccountSid();
        if (chosen.isEmpty()) return all.get(0);
        return all.stream().filter(c -> c.accountSid().equals(chosen.get())).findFirst()
                .orElseThrow(() -> new PortFailure(PortFailure.Category.NOT_FOUND,
                        "Twilio account " + chosen.get() + " is neither this tenant's connection nor the platform's account"));
    }

    private Optional<Credentials> own(TenantId tenant) {
        return connections.find(tenant, Provider.TWILIO).flatMap(c -> {
            var sid = c.settings().get("accountSid");
            var sealed = c.secrets().get("authToken");
            if (blank(sid) || sealed == null) return Optional.empty();
            return Optional.of(new Credentials(sid, vault.open(SecretOwner.of(c, "authToken"), sealed)));
        });
    }

    private Optional<Credentials> platform() {
        if (blank(platform.accountSid()) || blank(platform.authToken())) return Optional.empty();
        return Optional.of(new Credentials(platform.accountSid().strip(), platform.authToken()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
