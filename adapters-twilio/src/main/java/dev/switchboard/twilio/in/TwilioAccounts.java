package dev.switchboard.twilio.in;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.twilio.config.TwilioProperties;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which auth tokens may sign a tenant's webhooks: its own Twilio connection's and the platform's.
 */
@Singleton
final class TwilioAccounts {
    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final TwilioProperties platform;

    TwilioAccounts(ConnectionRepository connections, SecretVault vault, TwilioProperties platform) {
        this.connections = connections;
        this.vault = vault;
        this.platform = platform;
    }

    /**
     * The tokens a request for this tenant may be signed with: its own connection's, and the
     * platform's — a tenant with its own account may still have numbers on the platform's.
     */
    List<String> authTokens(TenantId tenant) {
        var tokens = new ArrayList<String>();
        connections.find(tenant, Provider.TWILIO).map(c -> c.secrets().get("authToken"))
                .map(sealed -> vault.open(new SecretOwner(tenant, Provider.TWILIO, "authToken"), sealed)).ifPresent(tokens::add);
        platformToken().ifPresent(tokens::add);
        return tokens;
    }

    /**
     * The tokens a request about no number of ours may be signed with: those of every tenant whose
     * Twilio connection is this {@code AccountSid}, and the platform's. So a tenant's number that
     * points at us before it is registered here still gets our goodbye, not a 403.
     */
    List<String> authTokensOfAccount(String accountSid) {
        var tokens = new ArrayList<String>();
        if (accountSid != null && accountSid.startsWith("AC"))
            for (var connection : connections.findBySetting(Provider.TWILIO, "accountSid", accountSid))
                Optional.ofNullable(connection.secrets().get("authToken"))
                        .map(sealed -> vault.open(SecretOwner.of(connection, "authToken"), sealed)).ifPresent(tokens::add);
        platformToken().ifPresent(tokens::add);
        return tokens;
    }

    Optional<String> platformToken() {
        return Optional.ofNullable(platform.authToken()).filter(t -> !t.isBlank());
    }
}
