package dev.switchboard.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's default: a server of its own on a data directory that outlives the process. */
class PersistentDataDirTest {
    @Test
    void data_survives_a_restart_on_the_same_directory() throws Exception {
        var root = Files.createDirectories(Path.of("target", "persistent-test"));
        var dataDir = Files.createTempDirectory(root, "pg-").resolve("postgres");
        var config = Map.<String, Object>of(
                "switchboard.embedded-postgres.ephemeral", false,
                "switchboard.embedded-postgres.data-dir", dataDir.toString());
        var tenant = Fixtures.tenant("Survivor");

        try (var first = ApplicationContext.run(config)) {
            first.getBean(TenantRepository.class).save(tenant);
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("postmaster.pid")).as("the server stopped with the context").doesNotExist();

        try (var second = ApplicationContext.run(config)) {
            assertThat(second.getBean(TenantRepository.class).findById(tenant.id())).contains(tenant);
        }
    }
}
