package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Puts the call a thread is working for on every log line it writes: SLF4J's MDC keys
 * {@code tenantId} and {@code callId} (JSON logs show them under {@code mdc}). Pool threads are
 * shared by every call, so the thread's previous context is restored after each task.
 */
final class CallLogContext {
    static final String TENANT = "tenantId";
    static final String CALL = "callId";
    /** Twilio's CallSid (or MessageSid), known before our call is: the first lines of a webhook carry it. */
    static final String SID = "twilioSid";

    /**
     * What a webhook's thread had in its MDC before the webhook began; {@link #close} puts it
     * back, since request threads are shared too.
     */
    static final class Scope implements AutoCloseable {
        private final java.util.Map<String, String> previous = MDC.getCopyOfContextMap();

        @Override
        public void close() {
            if (previous == null) MDC.clear();
            else MDC.setContextMap(previous);
        }
    }

    /** A webhook about Twilio's {@code sid} begins on this thread; close the scope when it answers. */
    static Scope webhook(String sid) {
        var scope = new Scope();
        if (sid != null && !sid.isBlank()) MDC.put(SID, sid);
        return scope;
    }

    /** From here on, the webhook's lines name the tenant it works for. */
    static void tenant(TenantId tenant) {
        MDC.put(TENANT, tenant.toString());
    }

    /** From here on, the webhook's lines name our call, as the call's turns and frames do. */
    static void call(TenantId tenant, CallId call) {
        MDC.put(TENANT, tenant.toString());
        MDC.put(CALL, call.toString());
    }

    private CallLogContext() {}

    /** {@code pool}, running each task with this call's context; refusals pass through unchanged. */
    static Executor carrying(TenantId tenant, CallId call, Executor pool) {
        var tenantId = tenant.toString();
        var callId = call.toString();
        return task -> pool.execute(() -> {
            var previous = MDC.getCopyOfContextMap();
            MDC.put(TENANT, tenantId);
            MDC.put(CALL, callId);
            try {
                task.run();
            } finally {
                if (previous == null) MDC.clear();
                else MDC.setContextMap(previous);
            }
        });
    }
}
