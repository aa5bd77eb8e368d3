package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Bounds of the conversation engine: {@code switchboard.engine.max-tool-rounds} (model requests
 * per caller turn) and {@code switchboard.engine.tool-timeout}.
 */
@ConfigurationProperties("switchboard.engine")
record EngineProperties(@Bindable(defaultValue = "5") int maxToolRounds, @Bindable(defaultValue = "8s") Duration toolTimeout) {}
