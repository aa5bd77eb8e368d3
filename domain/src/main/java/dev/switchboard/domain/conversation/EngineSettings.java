package dev.switchboard.domain.conversation;

import java.time.Duration;

/**
 * Bounds of the conversation engine.
 *
 * @param maxToolRounds model requests per caller turn before the engine gives up politely
 * @param toolTimeout how long one tool may run before its result becomes a timeout error
 */
public record EngineSettings(int maxToolRounds, Duration toolTimeout) {
    public EngineSettings {
        if (maxToolRounds < 1) throw new IllegalArgumentException("maxToolRounds must be ≥ 1");
        if (toolTimeout.isNegative() || toolTimeout.isZero()) throw new IllegalArgumentException("toolTimeout must be > 0");
    }

    public static EngineSettings standard() {
        return new EngineSettings(5, Duration.ofSeconds(8));
    }
}
