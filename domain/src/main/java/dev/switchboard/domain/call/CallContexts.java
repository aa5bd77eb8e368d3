package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.TenantId;

/**
 * Where a call's {@link CallContext} is kept: the context the business gave when it asked us to
 * place the call. Inbound calls have none.
 */
public interface CallContexts {
    /** No call has a context (an install that only answers calls, and tests). */
    CallContexts NONE = (tenant, call) -> CallContext.EMPTY;

    /** The call's context; {@link CallContext#EMPTY} when it has none or is not the tenant's. */
    CallContext of(TenantId tenant, CallId call);

    /**
     * The context of a call already read: only calls we placed can have one, so an inbound call
     * costs no lookup (a round trip at the start of every answered call, before the caller hears anything).
     */
    default CallContext of(Call call) {
        return call.direction() == CallDirection.OUTBOUND ? of(call.tenantId(), call.id()) : CallContext.EMPTY;
    }
}
