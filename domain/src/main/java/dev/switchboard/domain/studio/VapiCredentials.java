package dev.switchboard.domain.studio;

import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/**
 * Opens a tenant's Vapi and Twilio connections: Vapi's API key (to call Vapi), the webhook secret
 * (Vapi sends it back to us), Twilio's account SID and auth token (for importing numbers).
 * A connection that is missing a field, or whose secret no longer opens, counts as absent.
 */
public final class VapiCredentials {
    private final ConnectionRepository connections;
    private final SecretVault vault;

    public VapiCredentials(ConnectionRepository connections, SecretVault vault) {
        this.connections = connections;
        this.vault = vault;
    }

    public Optional<VapiAccount> vapi(TenantId tenant) {
        return secret(tenant, Provider.VAPI, "apiKey").map(VapiAccount::new);
    }

    public Optional<String> webhookSecret(TenantId tenant) {
        return secret(tenant, Provider.VAPI, "webhookSecret");
    }

    public Optional<TwilioAccount> twilio(TenantId tenant) {
        var connection = connections.find(tenant, Provider.TWILIO);
        var sid = connection.map(c -> c.settings().get("accountSid")).filter(s -> !s.isBlank());
        var token = connection.flatMap(c -> open(c, "authToken"));
        return sid.isPresent() && token.isPresent() ? Optional.of(new TwilioAccount(sid.get(), token.get())) : Optional.empty();
    }

    private Optional<String> secret(TenantId tenant, Provider provider, String field) {
        return connections.find(tenant, provider).flatMap(c -> open(c, field));
    }

    private Optional<String> open(Connection connection, String field) {
        var sealed = connection.secrets().get(field);
        if (sealed == null) return Optional.empty();
        try {
            var clear = vault.open(SecretOwner.of(connection, field), sealed);
            return clear == null || clear.isBlank() ? Optional.empty() : Optional.of(clear);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }
}
