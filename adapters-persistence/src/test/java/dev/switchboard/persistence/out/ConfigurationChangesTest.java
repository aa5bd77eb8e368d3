package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.jdbc.DataSourceResolver;
import org.junit.jupiter.api.Test;

/**
 * Another instance's change reaches this instance's cache through PostgreSQL: the row is changed
 * here with plain SQL on a connection of its own, as another instance would, never through the
 * repository (which would drop the entry itself).
 */
@MicronautTest(transactional = false)
class ConfigurationChangesTest {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAssistantRepository assistants;
    @Inject
    PostgresPhoneNumberRepository numbers;
    @Inject
    ConfigurationCache cache;
    @Inject
    ConfigurationChanges changes;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver resolver;

    @Test
    void a_change_written_by_another_instance_replaces_the_cached_value() throws Exception {
        waitFor(cache::isHearingChanges);
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        var assistant = Fixtures.assistant(tenant.id(), "Reception");
        assistants.save(assistant);
        var number = Fixtures.number(tenant.id(), Fixtures.randomE164(), assistant.id());
        numbers.save(number);
        // This instance hears its own saves too, a moment later: once a marker sent after them is
        // heard, they have all been heard.
        var pool = (HikariDataSource) resolver.resolve(dataSource);
        var marker = "marker:" + java.util.UUID.randomUUID();
        try (var other = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             var s = other.createStatement()) {
            s.execute("SELECT pg_notify('" + ConfigurationChanges.CHANNEL + "', '" + marker + "')");
        }
        waitFor(() -> marker.equals(changes.lastHeard()));

        assertThat(assistants.findById(tenant.id(), assistant.id()).orElseThrow().name()).isEqualTo("Reception");
        assertThat(numbers.findByNumber(number.number()).orElseThrow().assistantId()).isEqualTo(assistant.id());
        long misses = cache.misses();
        assistants.findById(tenant.id(), assistant.id());
        numbers.findByNumber(number.number());
        assertThat(cache.misses()).as("second reads come from memory").isEqualTo(misses);

        try (var other = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             var s = other.createStatement()) {
            s.executeUpdate("UPDATE assistants SET name = 'Front desk' WHERE id = '" + assistant.id().value() + "'");
            // Deleting the assistant's row would detach the number (ON DELETE SET NULL): a change of another table.
            s.executeUpdate("UPDATE phone_numbers SET assistant_id = NULL WHERE id = '" + number.id().value() + "'");
        }

        waitFor(() -> assistants.findById(tenant.id(), assistant.id()).orElseThrow().name().equals("Front desk"));
        waitFor(() -> numbers.findByNumber(number.number()).orElseThrow().assistantId() == null);
    }

    /** Polls until true; the bound only keeps a broken listener from hanging the build. */
    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition never became true").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
