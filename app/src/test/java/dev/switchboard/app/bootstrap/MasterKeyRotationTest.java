package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory from an earlier version holds a secret in the v1 form (no associated data).
 * The start-up re-seals it bound to its owner; {@code rotate-master-key} then moves everything to
 * a new key, after which the old key opens nothing and the server opens everything.
 */
class MasterKeyRotationTest {
    @TempDir
    Path dataDir;

    private Map<String, Object> properties() {
        var props = new HashMap<String, Object>(new SwitchboardEnvironment(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString())::get).properties());
        props.put("switchboard.embedded-postgres.ephemeral", false);
        props.put("switchboard.embedded-postgres.work-dir", "target/embedded-postgres");
        props.put("switchboard.demo.enabled", false);
        return props;
    }

    @Test
    void old_rows_are_resealed_at_start_and_rotation_moves_every_secret_to_the_new_key() throws Exception {
        var tenant = new Tenant(TenantId.random(), "Acme", ZoneId.of("Europe/Paris"), Instant.EPOCH);
        var owner = new SecretOwner(tenant.id(), Provider.TWILIO, "authToken");
        var oldKey = new SwitchboardEnvironment(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString())::get).properties()
                .get("switchboard.master-key").toString();
        String resealed;
        try (var context = ApplicationContext.run(properties())) {
            context.getBean(TenantRepository.class).save(tenant);
            var connections = context.getBean(ConnectionRepository.class);
            connections.save(new Connection(tenant.id(), Provider.TWILIO, Map.of("accountSid", "AC1"),
                    Map.of("authToken", dev.switchboard.app.security.AesGcmSecretVaultTest.legacyV1(oldKey, "tok-123")), Instant.EPOCH));
            // What the next start does: the same resealer, run as the context starts.
            context.getBean(dev.switchboard.app.security.SecretResealer.class).reseal();
            resealed = connections.find(tenant.id(), Provider.TWILIO).orElseThrow().secrets().get("authToken").ciphertext();
            assertThat(resealed).startsWith("v2.");
            assertThat(context.getBean(SecretVault.class).open(owner, new SealedSecret(resealed))).isEqualTo("tok-123");
        }

        var out = new StringWriter();
        var err = new StringWriter();
        assertThat(MasterKeyRotation.run(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString())::get, new PrintWriter(out, true), new PrintWriter(err, true))).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Re-sealed 1 of 1 stored secrets with the new master key.");
        var newKey = Files.readString(dataDir.resolve("master-key")).strip();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(dataDir.resolve("master-key.previous")).doesNotExist();

        try (var context = ApplicationContext.run(properties())) {
            var stored = context.getBean(ConnectionRepository.class).find(tenant.id(), Provider.TWILIO).orElseThrow().secrets().get("authToken");
            assertThat(stored.ciphertext()).isNotEqualTo(resealed);
            assertThat(context.getBean(SecretVault.class).open(owner, stored)).isEqualTo("tok-123");
            assertThat(context.getBean(dev.switchboard.app.security.SecretResealer.class).atStartup())
                    .isEqualTo(new dev.switchboard.app.security.SecretResealer.Report(1, 0, 0));
        }
    }
}
