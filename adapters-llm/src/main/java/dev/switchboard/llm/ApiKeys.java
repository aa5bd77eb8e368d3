package dev.switchboard.llm;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Chooses the API key that pays for a request: the tenant's own connection to the provider
 * ({@code apiKey} secret) when it has one, else the platform's key. Keys are opened per request
 * and never logged or kept. A request paid by the platform's key has its reply capped at
 * {@code switchboard.quota.platform-max-tokens}, whatever the assistant asks for.
 */
@Singleton
public final class ApiKeys {
    /** The platform key's reply cap when none is configured. */
    public static final int DEFAULT_PLATFORM_MAX_TOKENS = 1024;
    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final int platformMaxTokens;

    public ApiKeys(ConnectionRepository connections, SecretVault vault) {
        this(connections, vault, DEFAULT_PLATFORM_MAX_TOKENS);
    }

    @Inject
    public ApiKeys(ConnectionRepository connections, SecretVault vault,
                   @Value("${switchboard.quota.platform-max-tokens:1024}") int platformMaxTokens) {
        if (platformMaxTokens < 1) throw new IllegalArgumentException("switchboard.quota.platform-max-tokens must be at least 1");
        this.connections = connections;
        this.vault = vault;
        this.platformMaxTokens = platformMaxTokens;
    }

    /**
     * The request as it may be sent with {@code apiKey}: unchanged when the tenant pays, its reply
     * cap lowered to the platform's when the platform's key pays.
     */
    public ModelRequest bounded(ModelRequest request, String apiKey, String platformKey) {
        var settings = request.settings();
        if (apiKey == null || !apiKey.equals(platformKey) || settings.maxTokens() <= platformMaxTokens) return request;
        return request.withSettings(new ModelSettings(settings.provider(), settings.model(), settings.temperature(), platformMaxTokens,
                settings.fallbackProvider(), settings.fallbackModel()));
    }

    /**
     * Whether a request of this tenant would be paid by the platform's key: the tenant has no key
     * of its own for the provider and the platform has one. Such requests count against the
     * tenant's daily platform-key quota; a tenant's own key is never counted.
     */
    public boolean paidByPlatform(TenantId tenant, Provider provider, String platformKey) {
        return platformKey != null && !platformKey.isBlank()
                && connections.find(tenant, provider).map(c -> !c.secrets().containsKey("apiKey")).orElse(true);
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
        if (sealed.isPresent()) return vault.open(new SecretOwner(tenant, provider, "apiKey"), sealed.get());
        if (platformKey != null && !platformKey.isBlank()) return platformKey;
        throw new PortFailure(PortFailure.Category.REJECTED_CREDENTIALS,
                "no " + provider.wireName() + " API key: the tenant has no " + provider.wireName()
                        + " connection and the platform has none configured");
    }
}
