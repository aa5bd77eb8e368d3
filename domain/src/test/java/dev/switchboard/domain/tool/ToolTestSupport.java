package dev.switchboard.domain.tool;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;

/** Contexts the tool tests run in. */
final class ToolTestSupport {
    static final String CALLER = "+33612345678";

    private ToolTestSupport() {}

    static ToolContext context(TenantId tenant, CallId callId) {
        return new ToolContext(tenant, Fixtures.assistant(tenant, "Reception"), callId, CALLER);
    }

    static Assistant withoutTransferNumber(Assistant a) {
        return new Assistant(a.id(), a.tenantId(), a.name(), a.persona(), a.systemPrompt(), a.firstMessage(), a.language(), a.voice(),
                a.transcriber(), a.model(), a.enabledTools(), a.dtmfPolicy(), null, a.runtime(), a.createdAt(), a.updatedAt());
    }
}
