package dev.switchboard.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which database a context gets: a configured URL wins; otherwise a fresh one on the JVM's server. */
class EmbeddedDatasourceDefaultsTest {
    @Test
    void contexts_share_one_server_but_not_their_data() {
        var tenant = Fixtures.tenant("Mine");
        try (var a = ApplicationContext.run(); var b = ApplicationContext.run()) {
            a.getBean(TenantRepository.class).save(tenant);
            assertThat(b.getBean(TenantRepository.class).findById(tenant.id())).isEmpty();
            assertThat(a.getBean(EmbeddedPostgresServer.class).jdbcUrl()).isNotEqualTo(b.getBean(EmbeddedPostgresServer.class).jdbcUrl());
        }
        assertThat(SharedEphemeralServer.starts()).isEqualTo(1);
    }

    @Test
    void a_configured_url_is_used_and_nothing_starts() {
        String url;
        try (var owner = ApplicationContext.run()) {
            owner.getBean(TenantRepository.class).count();
            url = owner.getBean(EmbeddedPostgresServer.class).jdbcUrl();
            try (var configured = ApplicationContext.run(Map.of("datasources.default.url", url,
                    "datasources.default.username", EmbeddedPostgresServer.USER,
                    "datasources.default.password", owner.getBean(EmbeddedPostgresServer.class).password()))) {
                var tenant = Fixtures.tenant("Through the URL");
                configured.getBean(TenantRepository.class).save(tenant);
                assertThat(owner.getBean(TenantRepository.class).findById(tenant.id())).contains(tenant);
                assertThat(configured.getBean(EmbeddedPostgresServer.class).started()).isFalse();
            }
        }
    }
}
