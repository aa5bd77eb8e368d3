package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bounds of the threads live calls run on ({@code switchboard.calls.*}; docs/security.md §5).
 * A relay call holds one turn thread while the agent answers (the model streams into it) and
 * briefly another for each frame; its tools run on the tool threads, apart, so a turn waiting
 * for its tool can never starve that tool of a thread.
 *
 * @param turnThreads the most relay turns (and frame handlers) running at once on this instance
 * @param turnQueue turns waiting for a thread beyond those; when full, a call's work waits in its
 *     own lane, the caller hears a holding line and the timeline says so (never dropped)
 * @param toolThreads the most tools running at once (relay calls and Vapi's tool webhook)
 * @param toolQueue tools waiting for a thread; when full, the model is told the tool could not start
 * @param markWait how long past the expected end of a stream agent's last words a transfer or
 *     hang-up waits for Twilio's {@code mark} to confirm they played, then goes ahead anyway
 */
@ConfigurationProperties("switchboard.calls")
record CallsProperties(@Bindable(defaultValue = "128") int turnThreads, @Bindable(defaultValue = "256") int turnQueue,
                       @Bindable(defaultValue = "64") int toolThreads, @Bindable(defaultValue = "128") int toolQueue,
                       @Bindable(defaultValue = "5s") java.time.Duration markWait) {
    CallsProperties {
        if (markWait == null || markWait.isNegative()) throw new IllegalArgumentException("switchboard.calls.mark-wait must be >= 0");
        if (turnThreads < 1) throw new IllegalArgumentException("switchboard.calls.turn-threads must be at least 1");
        if (toolThreads < 1) throw new IllegalArgumentException("switchboard.calls.tool-threads must be at least 1");
        if (turnQueue < 0) throw new IllegalArgumentException("switchboard.calls.turn-queue must be >= 0");
        if (toolQueue < 0) throw new IllegalArgumentException("switchboard.calls.tool-queue must be >= 0");
    }
}
