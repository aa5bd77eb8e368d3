package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the application. It ticks in whole microseconds because PostgreSQL stores
 * no finer: an instant we answer with must equal the one we later read back.
 */
@Factory
final class ClockFactory {
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
