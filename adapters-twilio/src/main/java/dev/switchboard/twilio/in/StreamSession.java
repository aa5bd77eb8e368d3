package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.modelcall.StreamConversation;
import dev.switchboard.domain.recording.CallRecording;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Media Streams socket: its call, its stream once {@code start} arrived, and the two ways its
 * frames are handled. Control frames ({@code start}, {@code mark}, {@code dtmf}, {@code stop}, the
 * close) may block (the database, Twilio's REST API), so they run in order in the call's lane on
 * the bounded {@code call-turns} pool. Caller audio does not block (it is handed to the model's
 * socket and the recording's queue), so once the call's {@code start} has been handled it is
 * forwarded on the socket's own thread as it arrives, never queued behind other calls' turns and
 * tool calls; before that it is held, in order, and forwarded by {@code start} itself.
 */
final class StreamSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamSession.class);
    final TenantId tenantId;
    final CallId callId;
    /** Frames are handled here, in arrival order, off the event loop. */
    final SerialExecutor inbox;
    private final CallRecorder recorder;
    private final Clock clock;
    volatile TwilioCallerLine line;
    /**
     * The socket's Netty channel, told by {@link StreamMediaFrames} at the first frame (so before
     * {@code start} is handled); {@code null} if it never was (the line then sends through Micronaut).
     */
    volatile io.netty.channel.Channel channel;
    volatile StreamConversation conversation;
    /** The call's recording when its assistant records; {@code null} otherwise. */
    volatile CallRecording recording;

    /** How soon a lane the full pool refused asks again: a few frames' time, so the caller's audio is late rather than lost. */
    private static final long RETRY_MILLIS = 40;
    private final ScheduledExecutorService retries;
    private final int mediaBacklog;
    /** The pool is full for this call: said once to the timeline until it clears. */
    private final AtomicBoolean holding = new AtomicBoolean();
    /** Caller audio frames dropped while this call's lane was over its backlog, since the last report. */
    private final AtomicLong dropped = new AtomicLong();
    /** Caller audio that came before {@code start} was handled, in order; guarded by itself. */
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();
    /** {@code start} has been handled and {@link #held} forwarded: caller audio goes straight through. */
    private volatile boolean live;

    /**
     * @param pool the bounded pool of call threads ({@code call-turns}), shared by every call
     * @param retries where a lane refused by the full pool schedules its next attempt
     * @param mediaBacklog the most frames this call's lane holds while every thread is busy before
     *     it drops new caller audio (control frames are always kept)
     * @param recorder where the socket's stages go (the instance's batching recorder: no database
     *     round trip in the call's lane, which handles its {@code start} and marks)
     */
    StreamSession(TenantId tenantId, CallId callId, Executor pool, ScheduledExecutorService retries, int mediaBacklog,
                  CallRecorder recorder, Clock clock) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.retries = retries;
        this.mediaBacklog = mediaBacklog;
        this.inbox = new SerialExecutor(CallLogContext.carrying(tenantId, callId, pool), saturation());
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * A caller audio frame: forwarded here and now once the call has started; before that, held
     * in order unless {@code mediaBacklog} frames are held already (the call's {@code start} has
     * waited that long for a call thread): then it is dropped and counted — late audio is no use
     * to a model listening in real time, and what is held must not grow without bound. Called on
     * the event loop; never blocks ({@code frame} must not either).
     *
     * @return whether it was forwarded or held
     */
    boolean media(Runnable frame) {
        if (!live) {
            synchronized (held) {
                if (!live) {
                    if (held.size() >= mediaBacklog) {
                        dropped.incrementAndGet();
                        return false;
                    }
                    held.add(frame);
                    return true;
                }
            }
        }
        frame.run();
        return true;
    }

    /**
     * {@code start} has been handled (whatever its outcome): the caller audio held meanwhile is
     * forwarded, in order, and from now on each frame goes straight through. Frames that arrive
     * while the held ones are forwarded join the end of the queue, so none overtakes another.
     * Idempotent; called in the call's lane.
     */
    void started() {
        while (true) {
            Runnable[] batch;
            synchronized (held) {
                if (held.isEmpty()) {
                    live = true;
                    break;
                }
                batch = held.toArray(Runnable[]::new);
                held.clear();
            }
            for (var frame : batch) frame.run();
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            var data = new LinkedHashMap<String, Object>();
            data.put("droppedFrames", lost);
            data.put("reason", "caller audio beyond the backlog while the call's start was being handled");
            event("stream.frames.dropped", data);
        }
    }

    /**
     * Every call thread is busy: this call's frames wait in its own lane, in order (nothing
     * blocks the event loop), the timeline says so once, and the lane asks the pool again shortly.
     */
    private SerialExecutor.Saturation saturation() {
        return new SerialExecutor.Saturation() {
            @Override
            public void full(Runnable retry) {
                if (holding.compareAndSet(false, true)) {
                    LOG.warn("stream call {}: every call thread is busy; its frames wait", callId);
                    // Written on the retry thread, ahead of the retry: this may run on the event loop, which
                    // forwards every call's audio and must not wait for the database.
                    try {
                        retries.execute(() -> event("stream.delayed", Map.of("reason", "every call thread is busy: frames queued in order")));
                    } catch (RejectedExecutionException stopping) {
                        // Shutting down: no timeline to write.
                    }
                }
                try {
                    retries.schedule(retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.warn("stream call {}: shutting down, its queued frames will not run", callId);
                }
            }

            @Override
            public void cleared() {
                if (!holding.compareAndSet(true, false)) return;
                var data = new LinkedHashMap<String, Object>();
                data.put("droppedFrames", dropped.getAndSet(0));
                event("stream.resumed", data);
            }
        };
    }

    /** Finishes the recording, if any (idempotent); it is stored, and on the timeline, behind the call. */
    void endRecording() {
        var r = recording;
        if (r != null) r.finish();
    }

    /**
     * A stage on the timeline, written in the call's lane: from the event loop (a bad audio
     * frame), which must not wait for the database.
     */
    void eventLater(String type, Map<String, Object> data) {
        inbox.execute(() -> event(type, data));
    }

    /**
     * A socket-level stage on the timeline, handed to the recorder; best effort while the caller
     * is on the line. The socket was admitted for this call, so it is not looked up first (a call
     * deleted meanwhile costs the recorder one refused row, not the lane two round trips).
     */
    void event(String type, Map<String, Object> data) {
        try {
            recorder.event(new CallEvent(callId, tenantId, clock.instant(), type, data));
        } catch (RuntimeException ignored) {
            // The call goes on.
        }
    }
}
