package dev.switchboard.llm;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;

/**
 * Chooses the API key that pays for a request: the tenant's own connection to the provider
 * ({@code apiKey} secret) when it has one, else the platform's key. Keys are opened per request
 * and never logged or kept.
 */
@Singleton
public final class ApiKeys {
    private final ConnectionRepository connections;
    private final SecretVault vault;

    public ApiKeys(ConnectionRepository connections, SecretVault vault) {
        this.connections = connections;
        this.vault = vault;
    }

    /** Whether the tenant or the platform has a key for this provider. */
    public boolean available(TenantId tenant, Provider provider, String platformKey) {
        return (platformKey != null && !platformKey.isBlank())
                || connections.find(tenant, provider).map(c -> c.secrets().containsKey("apiKey")).orElse(false);
    }

    /**
     * @param platformKey the platform's key for this provider, or null/blank when there is none
     * @throws PortFailure REJECTED_CREDENTIALS when neither the tenant nor the platform has a key
     */
    public String resolve(TenantId tenant, Provider provider, String platformKey) {
        var sealed = connections.find(tenant, provider).map(c -> c.secrets().get("apiKey"));
        if (sealed.isPresent()) return vault.open(sealed.get());
        if (platformKey != null && !platformKey.isBlank()) return platformKey;
        throw new PortFailure(PortFailure.Category.REJECTED_CREDENTIALS,
                "no " + provider.wireName() + " API key: the tenant has no " + provider.wireName()
                        + " connection and the platform has none configured");
    }
}
