package dev.switchboard.twilio.in;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.twilio.config.TwilioProperties;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Which auth token signs a tenant's webhooks: its own Twilio connection's, else the platform's.
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

    Optional<String> authToken(TenantId tenant) {
        var own = connections.find(tenant, Provider.TWILIO)
                .map(c -> c.secrets().get("authToken"))
                .map(vault::open);
        return own.isPresent() ? own : platformToken();
    }

    Optional<String> platformToken() {
        return Optional.ofNullable(platform.authToken()).filter(t -> !t.isBlank());
    }
}
