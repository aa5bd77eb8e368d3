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
