package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database that cannot be reached is a PortFailure the app can answer, not a driver exception. */
class DatabaseUnavailableTest {
    @Test
    void an_unreachable_database_is_reported_as_unavailable() {
        var config = Map.<String, Object>of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "datasources.default.username", "nobody",
                "datasources.default.connection-timeout", 250,
                "datasources.default.initialization-fail-timeout", -1,
                "flyway.datasources.default.enabled", false);
        try (var context = ApplicationContext.run(config)) {
            var tenants = context.getBean(TenantRepository.class);
            assertThatThrownBy(() -> tenants.save(Fixtures.tenant("Lost")))
                    .isInstanceOfSatisfying(PortFailure.class, f -> assertThat(f.category())
                            .isEqualTo(PortFailure.Category.UNAVAILABLE));
            assertThatThrownBy(tenants::count).isInstanceOf(PortFailure.class);
        }
    }
}
