package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Daily limits per tenant on the platform's own LLM keys ({@code switchboard.platform-key.*},
 * env {@code SWITCHBOARD_PLATFORM_KEY_DAILY_CALLS} / {@code _DAILY_TOKENS}), per UTC day.
 * The defaults fit a small business's front desk — about a hundred calls of ten short replies —
 * and bound what one stranger's tenant can cost the operator to a few dollars a day.
 *
 * @param dailyCalls calls a day one tenant may have answered on the platform's key (0: none)
 * @param dailyTokens output tokens a day one tenant may use on the platform's key (0: none)
 */
@ConfigurationProperties("switchboard.platform-key")
record PlatformKeyProperties(@Bindable(defaultValue = "100") int dailyCalls, @Bindable(defaultValue = "100000") long dailyTokens) {
    PlatformKeyProperties {
        if (dailyCalls < 0) throw new IllegalArgumentException("switchboard.platform-key.daily-calls must be >= 0");
        if (dailyTokens < 0) throw new IllegalArgumentException("switchboard.platform-key.daily-tokens must be >= 0");
    }
}
