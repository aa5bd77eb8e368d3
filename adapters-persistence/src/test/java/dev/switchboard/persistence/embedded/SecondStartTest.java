package dev.switchboard.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A second start on a data directory a live Switchboard uses (a second {@code ./switchboard},
 * or {@code ./switchboard --help} before it printed usage) once took the live server for an
 * orphan and stopped it. It must refuse, say why, and touch nothing.
 */
class SecondStartTest {
    /** Runs in a child JVM, as a second process would: exit 3 and the message when refused. */
    public static void main(String[] args) {
        try (var server = ServerLauncher.start(Path.of(args[0]), Path.of(args[1]), 0)) {
            System.exit(0);
        } catch (DataDirectoryInUse e) {
            System.err.println(e.getMessage());
            System.exit(3);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    @Test
    void a_second_process_refuses_and_the_running_server_keeps_serving() throws Exception {
        var root = Files.createDirectories(Path.of("target", "persistent-test"));
        var dataDir = Files.createTempDirectory(root, "second-").resolve("postgres").toAbsolutePath();
        var workDir = Path.of("target", "embedded-postgres").toAbsolutePath();
        var config = Map.<String, Object>of(
                "switchboard.embedded-postgres.ephemeral", false,
                "switchboard.embedded-postgres.data-dir", dataDir.toString(),
                "switchboard.embedded-postgres.work-dir", workDir.toString());
        var tenant = Fixtures.tenant("Still here");
        try (var running = ApplicationContext.run(config)) {
            running.getBean(TenantRepository.class).save(tenant);
            var postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0);

            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), SecondStartTest.class.getName(),
                    dataDir.toString(), workDir.toString())).redirectErrorStream(true).start();
            var output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(child.exitValue()).as(output).isEqualTo(3);
            assertThat(output).contains("Switchboard is already running on " + dataDir.getParent()
                    + " (pid " + ProcessHandle.current().pid() + "). Nothing was changed.");
            assertThat(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0)).isEqualTo(postmaster);
            assertThat(running.getBean(TenantRepository.class).findById(tenant.id())).contains(tenant);
        }
        assertThat(dataDir.resolve("postmaster.pid")).as("stopped with its context").doesNotExist();
    }

    @Test
    void a_second_start_in_the_same_process_refuses_too() throws Exception {
        var root = Files.createDirectories(Path.of("target", "persistent-test"));
        var dataDir = Files.createTempDirectory(root, "same-").resolve("postgres");
        try (var lock = DataDirectoryLock.acquire(dataDir)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
                    .isInstanceOf(DataDirectoryInUse.class)
                    .hasMessageContaining("this process, pid " + ProcessHandle.current().pid());
        }
        DataDirectoryLock.acquire(dataDir).close();
    }
}
