package dev.switchboard.app.wiring;

import dev.switchboard.domain.conversation.PlatformKeyQuota;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The platform key's daily quota, from {@link PlatformKeyProperties}; the model router applies it. */
@Factory
final class PlatformKeyFactory {
    @Singleton
    PlatformKeyQuota platformKeyQuota(PlatformKeyUsage usage, PlatformKeyProperties properties, Clock clock) {
        return new PlatformKeyQuota(usage, properties.dailyCalls(), properties.dailyTokens(), clock);
    }
}
