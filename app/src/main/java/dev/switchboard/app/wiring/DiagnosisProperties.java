package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code switchboard.diagnosis.*}: how long a call's diagnosis waits before it calls a stage
 * missing ({@code DiagnosisPolicy}).
 */
@ConfigurationProperties("switchboard.diagnosis")
record DiagnosisProperties(
        @Bindable(defaultValue = "5s") Duration silence,
        @Bindable(defaultValue = "30s") Duration socketGrace,
        @Bindable(defaultValue = "2m") Duration statusCallbackGrace) {}
