package dev.switchboard.app.security;

import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, before the server takes requests: every stored secret not sealed in the current
 * form with the current master key (the {@code v1} form without associated data of earlier
 * versions, or a previous key after a rotation) is opened and sealed again, bound to its tenant,
 * provider and field. This is the migration of existing rows and the second half of a key
 * rotation; it is idempotent, so an interrupted run finishes at the next start.
 */
@Singleton
public final class SecretResealer implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SecretResealer.class);

    /** What a run did: secrets seen, sealed again, and left as they were because no key opens them. */
    public record Report(int secrets, int resealed, int unopenable) {}

    private final ConnectionRepository connections;
    private final SecretVault vault;
    private volatile Report atStartup = new Report(0, 0, 0);

    SecretResealer(ConnectionRepository connections, SecretVault vault) {
        this.connections = connections;
        this.vault = vault;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        atStartup = reseal();
        if (atStartup.resealed() > 0) LOG.info("Re-sealed {} stored secrets with the current master key", atStartup.resealed());
    }

    /** What the start-up run did. */
    public Report atStartup() {
        return atStartup;
    }

    public Report reseal() {
        int secrets = 0;
        int resealed = 0;
        int unopenable = 0;
        for (var connection : connections.listAcrossTenants()) {
            var sealed = new LinkedHashMap<String, SealedSecret>(connection.secrets());
            boolean changed = false;
            for (var entry : connection.secrets().entrySet()) {
                secrets++;
                if (vault.isCurrent(entry.getValue())) continue;
                var owner = SecretOwner.of(connection, entry.getKey());
                try {
                    sealed.put(entry.getKey(), vault.seal(owner, vault.open(owner, entry.getValue())));
                    changed = true;
                    resealed++;
                } catch (IllegalStateException e) {
                    unopenable++;
                    // Names where, never what: the secret itself stays out of the log.
                    LOG.warn("Stored secret {} of tenant {}'s {} connection opens with no configured master key; left as it is",
                            entry.getKey(), connection.tenantId(), connection.provider().wireName());
                }
            }
            if (changed)
                connections.save(new Connection(connection.tenantId(), connection.provider(), connection.settings(), sealed,
                        connection.updatedAt()));
        }
        return new Report(secrets, resealed, unopenable);
    }
}
