package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Opens the conversation of a call that a runtime has connected: finds the call, its tenant and
 * its assistant, and wires a {@link ConversationSession} to the runtime's output.
 */
public final class StartConversation {
    private final TenantRepository tenants;
    private final AssistantRepository assistants;
    private final CallRepository calls;
    private final CallRecorder recorder;
    private final LanguageModel model;
    private final Toolbox toolbox;
    private final ExecutorService toolExecutor;
    private final EngineSettings settings;
    private final Function<Tenant, String> openingHours;
    private final Clock clock;
    private final CallContexts contexts;

    /** @param openingHours describes a tenant's opening hours for the prompt; {@code null} when unknown */
    public StartConversation(TenantRepository tenants, AssistantRepository assistants, CallRepository calls, CallRecorder recorder, LanguageModel model,
                             Toolbox toolbox, ExecutorService toolExecutor, EngineSettings settings,
                             Function<Tenant, String> openingHours, Clock clock) {
        this(tenants, assistants, calls, recorder, model, toolbox, toolExecutor, settings, openingHours, clock, CallContexts.NONE);
    }

    /** @param contexts what the business told us about calls it asked us to place (their {@code {{variables}}}) */
    public StartConversation(TenantRepository tenants, AssistantRepository assistants, CallRepository calls, CallRecorder recorder, LanguageModel model,
                             Toolbox toolbox, ExecutorService toolExecutor, EngineSettings settings,
                             Function<Tenant, String> openingHours, Clock clock, CallContexts contexts) {
        this.contexts = contexts;
        this.tenants = tenants;
        this.assistants = assistants;
        this.calls = calls;
        this.recorder = recorder;
        this.model = model;
        this.toolbox = toolbox;
        this.toolExecutor = toolExecutor;
        this.settings = settings;
        this.openingHours = openingHours;
        this.clock = clock;
    }

    /** @return the session, or empty when the call, its tenant or its assistant is gone */
    public Optional<ConversationSession> start(TenantId tenantId, CallId callId, ConversationOutput output, Map<String, String> context) {
        var call = calls.findById(tenantId, callId);
        var tenant = tenants.findById(tenantId);
        if (call.isEmpty() || tenant.isEmpty() || call.get().assistantId() == null) return Optional.empty();
        var assistant = assistants.findById(tenantId, call.get().assistantId());
        if (assistant.isEmpty()) return Optional.empty();
        var facts = new TenantFacts(tenant.get().name(), tenant.get().timezone(), openingHours.apply(tenant.get()));
        var personal = OutboundPrompts.personalize(assistant.get(), contexts.of(call.get()));
        return Optional.of(new ConversationSession(personal, facts, context, new CallTimeline(call.get(), recorder, clock),
                model, toolbox, toolExecutor, output, settings));
    }
}
