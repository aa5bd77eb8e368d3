package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.conversation.OutboundPrompts;
import dev.switchboard.domain.conversation.SystemPrompt;
import dev.switchboard.domain.conversation.TenantFacts;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Starts the conversation of a stream call once its media stream is up: finds the call, its
 * tenant and assistant, assembles the same instructions and tools as the relay runtime, and opens
 * a session with the speech-to-speech model of the assistant's provider, wired to the caller's
 * line. When that provider has no key anywhere, the offline speech model answers instead (and the
 * timeline says so). A model that cannot be had (no model for the provider) fails the session the same way a
 * model that cannot be reached does: the caller hears an apology and is transferred.
 */
public final class StartStreamCall {
    private final TenantRepository tenants;
    private final AssistantRepository assistants;
    private final CallRepository calls;
    private final List<RealtimeVoiceModel> models;
    private final Toolbox toolbox;
    private final ToolRunner runner;
    private final ExecutorService executor;
    private final Duration toolBudget;
    private final Function<Tenant, String> openingHours;
    private final Clock clock;
    private final CallContexts contexts;

    /**
     * @param models the speech-to-speech models, the first that {@link RealtimeVoiceModel#serves} the provider wins
     * @param openingHours describes a tenant's opening hours for the prompt; {@code null} when unknown
     */
    public StartStreamCall(TenantRepository tenants, AssistantRepository assistants, CallRepository calls, List<RealtimeVoiceModel> models,
                           Toolbox toolbox, ExecutorService executor, Duration toolBudget, Function<Tenant, String> openingHours, Clock clock) {
        this(tenants, assistants, calls, models, toolbox, executor, toolBudget, openingHours, clock, CallContexts.NONE);
    }

    /** @param contexts what the business told us about calls it asked us to place (their {@code {{variables}}}) */
    public StartStreamCall(TenantRepository tenants, AssistantRepository assistants, CallRepository calls, List<RealtimeVoiceModel> models,
                           Toolbox toolbox, ExecutorService executor, Duration toolBudget, Function<Tenant, String> openingHours, Clock clock,
                           CallContexts contexts) {
        this.contexts = contexts;
        this.tenants = tenants;
        this.assistants = assistants;
        this.calls = calls;
        this.models = List.copyOf(models);
        this.toolbox = toolbox;
        this.runner = new ToolRunner(toolbox, executor, toolBudget);
        this.executor = executor;
        this.toolBudget = toolBudget;
        this.openingHours = openingHours;
        this.clock = clock;
    }

    /**
     * @param context per-call variables for the prompt (the stream's custom parameters, minus our own ids)
     * @return the conversation, or empty when the call, its tenant or its assistant is gone
     */
    public Optional<StreamConversation> start(TenantId tenantId, CallId callId, CallerLine line, Map<String, String> context) {
        var call = calls.findById(tenantId, callId);
        var tenant = tenants.findById(tenantId);
        if (call.isEmpty() || tenant.isEmpty() || call.get().assistantId() == null) return Optional.empty();
        var assistant = assistants.findById(tenantId, call.get().assistantId());
        if (assistant.isEmpty()) return Optional.empty();
        var a = OutboundPrompts.personalize(assistant.get(), contexts.of(tenantId, callId));
        var provider = a.model().provider();
        var driven = new ModelDrivenCall(call.get(), a, provider, calls, runner, clock);
        var conversation = new StreamConversation(driven, line, executor, toolBudget);
        var facts = new TenantFacts(tenant.get().name(), tenant.get().timezone(), openingHours.apply(tenant.get()));
        var request = new VoiceSessionRequest(tenantId, provider, a.model().model(), a.voice().voiceId(), a.language(),
                SystemPrompt.assemble(a, facts, clock.instant(), context), toolbox.definitionsFor(a), a.firstMessage(),
                a.model().temperature());
        var model = models.stream().filter(m -> m.serves(provider)).findFirst();
        var offline = model.isPresent() && !model.get().hasKey(tenantId)
                ? models.stream().filter(m -> m.serves(RealtimeVoiceModel.OFFLINE)).findFirst() : Optional.<RealtimeVoiceModel>empty();
        if (offline.isPresent()) {
            // As the relay runtime falls back to the offline text model: a fresh install answers instead of apologising.
            driven.event("model.offline", Map.of("provider", provider,
                    "reason", "no key for " + provider + ": answering with the offline speech model"));
            model = offline;
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("provider", offline.isPresent() ? RealtimeVoiceModel.OFFLINE : provider);
        data.put("model", offline.isPresent() ? "offline-speech" : a.model().model());
        data.put("voice", a.voice().voiceId());
        data.put("tools", request.tools().stream().map(t -> t.name()).toList());
        driven.event("model.connecting", data);
        if (model.isEmpty()) {
            conversation.failed(new VoiceModelFailure(VoiceModelFailure.Kind.UNREACHABLE, "no speech-to-speech model for provider " + provider));
            return Optional.of(conversation);
        }
        conversation.attach(model.get().open(request, conversation));
        return Optional.of(conversation);
    }
}
