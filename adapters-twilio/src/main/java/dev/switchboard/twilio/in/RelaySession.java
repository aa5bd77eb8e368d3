package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.conversation.ConversationSession;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One ConversationRelay socket: which call it is bound to, its conversation once {@code setup}
 * arrived, and the serial lane its turns run on.
 */
final class RelaySession {
    final TenantId tenantId;
    final CallId callId;
    final RelayOutput output;
    final SerialExecutor turns;
    /** Frames are handled here, in arrival order, off the event loop (they touch the database). */
    final SerialExecutor inbox;
    private final Executor pool;
    private final CallRepository calls;
    private final Clock clock;
    private volatile ConversationSession conversation;
    private volatile String language;

    RelaySession(TenantId tenantId, CallId callId, RelayOutput output, Executor pool, CallRepository calls, Clock clock) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.output = output;
        this.pool = pool;
        this.turns = new SerialExecutor(pool);
        this.inbox = new SerialExecutor(pool);
        this.calls = calls;
        this.clock = clock;
    }

    ConversationSession conversation() {
        return conversation;
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
        if (lang == null || lang.isBlank() || language == null || primary(lang).equals(primary(language))) return;
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

    /** Work that must not wait behind the current turn (a keypad key pre-empts the agent). */
    void now(Runnable task) {
        pool.execute(task);
    }

    /** Puts a socket-level stage on the call's timeline; a call that vanished is not an error here. */
    void event(String type, Map<String, Object> data) {
        calls.findById(tenantId, callId).ifPresent(call -> {
            try {
                calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
            } catch (RuntimeException ignored) {
                // The timeline is best effort while the caller is on the line.
            }
        });
    }
}
