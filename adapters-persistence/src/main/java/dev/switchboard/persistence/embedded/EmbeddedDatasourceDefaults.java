package dev.switchboard.persistence.embedded;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

/**
 * Points the default datasource at the embedded PostgreSQL when no URL is configured. It acts
 * while the datasource configuration is being initialised, before its {@code @PostConstruct}
 * would reject a missing URL and before Hikari opens a connection; a configured URL (for example
 * from {@code DATABASE_URL}) leaves everything alone and no server starts.
 */
@Singleton
@Requires(property = "switchboard.embedded-postgres.enabled", notEquals = "false")
final class EmbeddedDatasourceDefaults implements BeanInitializedEventListener<DatasourceConfiguration> {
    private static final String DEFAULT = "default";

    private final EmbeddedPostgresServer server;

    EmbeddedDatasourceDefaults(EmbeddedPostgresServer server) {
        this.server = server;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        var config = event.getBean();
        if (!DEFAULT.equals(config.getName()) || StringUtils.hasText(config.getConfiguredUrl())) return config;
        config.setUrl(server.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setPassword(server.password());
        if (!StringUtils.hasText(config.getConfiguredDriverClassName())) config.setDriverClassName("org.postgresql.Driver");
        return config;
    }
}
