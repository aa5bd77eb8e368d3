package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.conversation.ConversationSession;
import dev.switchboard.domain.conversation.LiveCalls;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One ConversationRelay socket: which call it is bound to, its conversation once {@code setup}
 * arrived, and the serial lane its turns run on.
 */
final class RelaySession implements LiveCalls.Session {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RelaySession.class);
    private static final java.util.regex.Pattern LANGUAGE_TAG = java.util.regex.Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    final TenantId tenantId;
    final CallId callId;
    final RelayOutput output;
    final SerialExecutor turns;
    /** Frames are handled here, in arrival order, off the event loop (they touch the database). */
    final SerialExecutor inbox;
    private final Executor pool;
    private final CallRecorder recorder;
    private final Clock clock;
    private volatile ConversationSession conversation;
    private volatile String language;
    /** The assistant's language as the TwiML gave it, for an apology before the conversation is bound. */
    private volatile String twimlLanguage;
    private final java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();

    /** How soon a lane the full pool refused asks again. */
    private static final long RETRY_MILLIS = 200;
    private final ScheduledExecutorService retries;
    /** The pool is full for this call: said once to the caller and the timeline until it clears. */
    private final java.util.concurrent.atomic.AtomicBoolean holding = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param pool the bounded pool of call threads ({@code call-turns}), shared by every call
     * @param retries where a lane refused by the full pool schedules its next attempt
     */
    RelaySession(TenantId tenantId, CallId callId, RelayOutput output, Executor pool, ScheduledExecutorService retries,
                 CallRecorder recorder, Clock clock) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.output = output;
        // Every line logged by this call's work names the call (JSON logs: mdc.tenantId, mdc.callId).
        this.pool = CallLogContext.carrying(tenantId, callId, pool);
        this.retries = retries;
        this.turns = new SerialExecutor(this.pool, saturation("turns"));
        this.inbox = new SerialExecutor(this.pool, saturation("inbox"));
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Every call thread is busy: this call's work waits in its own lane (never dropped), the
     * timeline says so, and — unless the agent is speaking to them right now — the caller hears a
     * short holding line instead of silence. Once per episode; the lane retries shortly.
     */
    private SerialExecutor.Saturation saturation(String lane) {
        return new SerialExecutor.Saturation() {
            @Override
            public void full(Runnable retry) {
                if (holding.compareAndSet(false, true)) {
                    LOG.warn("relay call {}: every call thread is busy; its {} wait", callId, lane);
                    event("turn.delayed", Map.of("lane", lane, "reason", "every call thread is busy: queued, not dropped"));
                    boolean agentSpeaking = lane.equals("inbox") && !turns.idle();
                    if (!agentSpeaking && !gaveUp.get() && holdingLineDue()) output.text(holdingLine(), true);
                }
                try {
                    retries.schedule(retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.warn("relay call {}: shutting down, its queued {} will not run", callId, lane);
                }
            }

            @Override
            public void cleared() {
                if (holding.compareAndSet(true, false)) event("turn.resumed", Map.of("lane", lane));
            }
        };
    }

    /**
     * The holding line is said at most once every {@link #HOLDING_LINE_EVERY}: a call whose frames
     * and then its turn wait, back to back, must not hear "One moment, please." twice in a row.
     */
    private boolean holdingLineDue() {
        var now = clock.instant();
        synchronized (holding) {
            if (lastHoldingLine != null && now.isBefore(lastHoldingLine.plus(HOLDING_LINE_EVERY))) return false;
            lastHoldingLine = now;
            return true;
        }
    }

    private static final java.time.Duration HOLDING_LINE_EVERY = java.time.Duration.ofSeconds(10);
    private java.time.Instant lastHoldingLine;

    private String holdingLine() {
        var lang = language != null ? language : twimlLanguage;
        return lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("fr") ? "Un instant, s'il vous plaît." : "One moment, please.";
    }

    ConversationSession conversation() {
        return conversation;
    }

    void twimlLanguage(String lang) {
        if (lang != null && LANGUAGE_TAG.matcher(lang).matches()) twimlLanguage = lang;
    }

    /**
     * Something under the caller failed (the database while binding the call or storing a turn):
     * they hear an apology and the session ends with a hang-up hand-off, never silence. Once.
     */
    void technicalProblem(String stage, RuntimeException failure) {
        LOG.warn("relay call {}: {} failed, apologising and hanging up: {}", callId, stage, failure.toString());
        var conversation = this.conversation;
        if (conversation != null) conversation.callEnded("technical problem");
        event("error", Map.of("stage", stage, "message", String.valueOf(failure.getMessage())));
        if (!gaveUp.compareAndSet(false, true)) return;
        var lang = language != null ? language : twimlLanguage;
        output.text(lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("fr")
                ? "Désolé, nous rencontrons un problème technique. Merci de rappeler dans un instant. Au revoir."
                : "Sorry, we are having a technical problem. Please call again in a moment. Goodbye.", true);
        output.hangUp("technical problem: " + stage);
    }

    void bind(ConversationSession session) {
        conversation = session;
        language = session.language();
    }

    /**
     * The caller switched language (ConversationRelay tells us each transcript's {@code lang}):
     * have Twilio speak and listen in it from now on. Only the primary language counts, so an
     * {@code fr-CA} transcript on an {@code fr-FR} line changes nothing.
     */
    void callerSpeaks(String lang) {
        // Only a well-formed BCP-47 tag: Twilio rejects a language message naming anything else.
        if (lang == null || !LANGUAGE_TAG.matcher(lang).matches() || language == null || primary(lang).equals(primary(language))) return;
        event("language.switched", Map.of("from", language, "to", lang));
        language = lang;
        var message = new java.util.LinkedHashMap<String, Object>();
        message.put("type", "language");
        message.put("ttsLanguage", lang);
        message.put("transcriptionLanguage", lang);
        output.send(message);
    }

    private static String primary(String tag) {
        return tag.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
    }

    /** A turn (the agent answering, its tools) is running or waiting on this socket. */
    @Override
    public boolean busy() {
        return !turns.idle() || !inbox.idle();
    }

    /**
     * Shutdown, between turns: the conversation stops taking turns, then ConversationRelay is told
     * to end the session; Twilio calls the action URL, which another instance answers.
     */
    @Override
    public void end(String reason) {
        var current = conversation;
        if (current != null) current.callEnded(reason);
        output.endForShutdown(reason);
    }

    /** Work that must not wait behind the current turn (a keypad key pre-empts the agent). */
    void now(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException full) {
            // Every call thread is busy: it waits its turn in the inbox rather than being lost.
            inbox.execute(task);
        }
    }

    /**
     * Puts a socket-level stage on the call's timeline, through the recorder (no database round
     * trip here); a record of a call that vanished is refused by the database and counted there.
     */
    void event(String type, Map<String, Object> data) {
        recorder.event(new CallEvent(callId, tenantId, clock.instant(), type, data));
    }
}
