package dev.switchboard.app.bootstrap;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;

/** Adds {@link SwitchboardEnvironment}'s properties to every application context we build. */
@ContextConfigurer
public final class EnvironmentConfigurer implements ApplicationContextConfigurer {
    /** Above application.yml, below real environment variables and system properties. */
    private static final int ORDER = 50;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("switchboard-environment", SwitchboardEnvironment.fromSystem().properties(), ORDER));
    }
}
