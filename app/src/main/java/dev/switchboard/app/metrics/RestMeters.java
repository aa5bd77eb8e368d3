package dev.switchboard.app.metrics;

import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.telephony.TelephonyResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Times requests to Twilio's and Vapi's REST APIs: {@code switchboard.rest.requests} by provider,
 * operation and outcome ({@code ok}, {@code refused}, or the failure's category). One timer per
 * tag set, cached. The registry is looked up on first use: the Twilio client is decorated while
 * beans are still being created.
 */
@Singleton
public final class RestMeters {
    private final BeanProvider<MeterRegistry> registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RestMeters(BeanProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Runs {@code request}, timing it under {@code provider} and {@code operation}; rethrows what it throws. */
    <T> T time(String provider, String operation, Supplier<T> request) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            var result = request.get();
            if (result instanceof TelephonyResult.Refused<?>) outcome = "refused";
            return result;
        } catch (PortFailure e) {
            outcome = e.category().name().toLowerCase(java.util.Locale.ROOT);
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            timer(provider, operation, outcome).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String provider, String operation, String outcome) {
        return timers.computeIfAbsent(provider + ' ' + operation + ' ' + outcome, key -> Timer.builder("switchboard.rest.requests")
                .description("Requests to Twilio's and Vapi's REST APIs").tag("provider", provider).tag("operation", operation)
                .tag("outcome", outcome).register(registry.get()));
    }
}
