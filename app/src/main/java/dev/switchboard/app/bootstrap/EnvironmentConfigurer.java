package dev.switchboard.app.bootstrap;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;

/** Adds {@link SwitchboardEnvironment}'s properties to every application context we build. */
@ContextConfigurer
public final class EnvironmentConfigurer implements ApplicationContextConfigurer {
    /**
     * Above application.yml (-300) and application-{env}.yml (-299), below environment variables
     * (-200), system properties (-100) and properties given to the context builder (0).
     */
    private static final int ORDER = -250;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("switchboard-environment", SwitchboardEnvironment.fromSystem().properties(), ORDER));
    }
}
