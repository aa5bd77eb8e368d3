package dev.switchboard.app.metrics;

import dev.switchboard.domain.modelcall.ForwardingTimes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchboard.stream.forwarding}, by {@code direction}: the stream runtime's own share of
 * a frame's delay (docs/operations.md). A histogram timer costs a few atomic adds per frame, on
 * the event loop that forwarded it.
 */
@Singleton
final class ForwardingMeters implements ForwardingTimes {
    private final Timer callerToModel;
    private final Timer modelToCaller;

    ForwardingMeters(MeterRegistry registry) {
        callerToModel = timer(registry, "caller-to-model", "A caller frame, from read off Twilio's socket to handed to the model's");
        modelToCaller = timer(registry, "model-to-caller", "A model event, from read off the model's socket to its audio handed to Twilio's");
    }

    private static Timer timer(MeterRegistry registry, String direction, String description) {
        return Timer.builder("switchboard.stream.forwarding").tag("direction", direction).description(description)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
    }

    @Override
    public void callerToModel(long nanos) {
        callerToModel.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void modelToCaller(long nanos) {
        modelToCaller.record(nanos, TimeUnit.NANOSECONDS);
    }
}
