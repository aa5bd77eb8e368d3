package dev.switchboard.app.bootstrap;

import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.conversation.LiveCalls;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a SIGTERM does before the process stops (ADR 007): no new calls (the voice webhook
 * answers 503, Twilio tries the number's fallback URL), live turns finish within the grace
 * period, each call is then ended cleanly between turns, the recorder's queue is written, and
 * only then does Micronaut get to stop the server.
 *
 * <p>Why not Micronaut's own graceful shutdown alone ({@code micronaut.lifecycle.graceful-shutdown},
 * 4.9+): it runs on the {@code ShutdownEvent}, which {@code Micronaut.run}'s JVM hook publishes only
 * after {@code NettyHttpServer.stop()} has closed the event loops — the call sockets are gone by
 * then — and it shuts the executors down in parallel with any drain, refusing a live turn's tool
 * runs. Its manager is still used here, after the calls are ended, to let in-flight HTTP requests
 * (status callbacks…) finish.
 */
@Singleton
public final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static final Duration HTTP_GRACE = Duration.ofSeconds(5);
    private static final String REASON = "the server is shutting down";
    private final LiveCalls live;
    private final CallRecorder recorder;
    private final GracefulShutdownManager micronaut;
    private final Duration grace;

    GracefulStop(LiveCalls live, CallRecorder recorder, GracefulShutdownManager micronaut, ShutdownProperties properties) {
        this.live = live;
        this.recorder = recorder;
        this.micronaut = micronaut;
        this.grace = properties.gracePeriod();
    }

    /** Stops taking calls, lets live turns finish, ends the calls, writes what is queued. */
    public LiveCalls.Drained drain() {
        LOG.info("shutting down: {} live calls, up to {} for their turns to finish", live.count(), grace);
        var drained = live.drain(grace, REASON);
        if (drained.cut() > 0) LOG.warn("{} calls were still mid-turn after {} and were ended anyway", drained.cut(), grace);
        if (!recorder.flush(grace)) LOG.error("call records still queued after {}: {}", grace, recorder.counts());
        LOG.info("calls ended: {} between turns, {} cut; records: {}", drained.ended(), drained.cut(), recorder.counts());
        return drained;
    }

    /** {@link #drain}, then Micronaut's graceful shutdown of the HTTP server (requests in flight finish). */
    public void run() {
        drain();
        try {
            micronaut.shutdownGracefully().toCompletableFuture().get(HTTP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP requests still in flight after {}: stopping anyway", HTTP_GRACE);
        }
    }
}
