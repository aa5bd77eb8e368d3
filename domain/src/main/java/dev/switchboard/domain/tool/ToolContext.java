package dev.switchboard.domain.tool;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.CommitGate;
import dev.switchboard.domain.shared.TenantId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a tool runs: for which tenant, which assistant, and during which call ({@code null}
 * when run outside a call, e.g. from Vapi's tool webhook before the call is known).
 *
 * <p>A tool with a lasting effect (a booking, a cancellation) makes it through {@link #commit},
 * never directly: the {@link ToolRunner} gives each run its own gate, so a tool stopped at its
 * deadline cannot write afterwards, and a write that began in time is waited for.
 *
 * @param callerNumber the caller's number as the carrier gave it, when known
 * @param gate decides whether a write may still happen ({@link CommitGate#OPEN} outside a runner)
 */
public record ToolContext(TenantId tenantId, Assistant assistant, CallId callId, String callerNumber, CommitGate gate)
        implements CommitGate {
    public ToolContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assistant, "assistant");
        gate = gate == null ? CommitGate.OPEN : gate;
    }

    public ToolContext(TenantId tenantId, Assistant assistant, CallId callId, String callerNumber) {
        this(tenantId, assistant, callId, callerNumber, CommitGate.OPEN);
    }

    /** The same context, writing through {@code run}'s gate. */
    ToolContext supervisedBy(CommitGate run) {
        return new ToolContext(tenantId, assistant, callId, callerNumber, run);
    }

    @Override
    public <T> T commit(Supplier<T> write) {
        return gate.commit(write);
    }
}
