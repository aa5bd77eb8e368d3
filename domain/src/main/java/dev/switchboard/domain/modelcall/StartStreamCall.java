package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.OutboundPrompts;
import dev.switchboard.domain.conversation.PlatformKeyQuota;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Starts the conversation of a stream call once its media stream is up: finds the call, its
 * tenant and assistant, assembles the same instructions and tools as the relay runtime, and opens
 * a session with the speech-to-speech model of the assistant's provider, wired to the caller's
 * line. When that provider has no key anywhere, the offline speech model answers instead (and the
 * timeline says so). A model that cannot be had (no model for the provider) fails the session the same way a
 * model that cannot be reached does: the caller hears an apology and is transferred.
 *
 * <p>A call the platform's key would pay for (the tenant has no key of its own for the provider)
 * is counted against the tenant's daily {@link PlatformKeyQuota} when it starts, and the tokens
 * its model reports are added as they come; over the quota (or when the count cannot be read) the
 * offline speech model answers instead, with a {@code model.note} on the timeline. A call once
 * admitted keeps its model to the end: a caller is not cut over mid-sentence.
 */
public final class StartStreamCall {
    private final TenantRepository tenants;
    private final AssistantRepository assistants;
    private final CallRepository calls;
    private final List<RealtimeVoiceModel> models;
    private final Toolbox toolbox;
    private final ToolRunner runner;
    private final Duration toolBudget;
    private final Function<Tenant, String> openingHours;
    private final Clock clock;
    private final CallContexts contexts;
    private final Settings settings;

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
        this(tenants, assistants, calls, models, toolbox, executor, toolBudget, openingHours, clock, contexts,
                new Settings(executor, SHARED_TIMERS, Settings.DEFAULT_MARK_WAIT, null));
    }

    /**
     * How stream calls run.
     *
     * @param turns where a call's tool calls are awaited (bounded; a refusal tells the model nothing was done)
     * @param timers where waits are bounded (the agent's last words before a transfer or hang-up)
     * @param markWait how long past the expected end of the agent's last words a transfer or hang-up
     *     waits for Twilio's {@code mark} before it goes ahead
     * @param quota the platform key's daily limits; {@code null}: none
     * @param recorder where a call's timeline and transcript go: the instance's batching recorder, so
     *     that no database write sits on the threads that carry the call's audio (ADR 007);
     *     {@code null}: written at once on the thread that has them
     */
    public record Settings(Executor turns, ScheduledExecutorService timers, Duration markWait, PlatformKeyQuota quota, CallRecorder recorder) {
        public static final Duration DEFAULT_MARK_WAIT = Duration.ofSeconds(5);

        public Settings {
            if (turns == null || timers == null) throw new IllegalArgumentException("turns and timers are required");
            if (markWait == null || markWait.isNegative()) throw new IllegalArgumentException("mark wait must be >= 0");
        }

        /** Records written at once, on the thread that has them (tests and tools without a background writer). */
        public Settings(Executor turns, ScheduledExecutorService timers, Duration markWait, PlatformKeyQuota quota) {
            this(turns, timers, markWait, quota, null);
        }
    }

    private static final ScheduledExecutorService SHARED_TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "stream-call-timer");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param executor where tools run (the bounded tool pool)
     * @param settings where calls wait and run their turns, and the platform key's quota
     */
    public StartStreamCall(TenantRepository tenants, AssistantRepository assistants, CallRepository calls, List<RealtimeVoiceModel> models,
                           Toolbox toolbox, ExecutorService executor, Duration toolBudget, Function<Tenant, String> openingHours, Clock clock,
                           CallContexts contexts, Settings settings) {
        this.settings = settings;
        this.contexts = contexts;
        this.tenants = tenants;
        this.assistants = assistants;
        this.calls = calls;
        this.models = List.copyOf(models);
        this.toolbox = toolbox;
        this.runner = new ToolRunner(toolbox, executor, toolBudget);
        this.toolBudget = toolBudget;
        this.openingHours = openingHours;
        this.clock = clock;
    }

    /**
     * @param call the call as the stream's {@code start} found it: read once by the caller, because a
     *     start's database round trips are its delay before the model hears anything (issue 10's stage timer)
     * @param context per-call variables for the prompt (the stream's custom parameters, minus our own ids)
     * @return the conversation, or empty when the call's tenant or assistant is gone
     */
    public Optional<StreamConversation> start(Call call, CallerLine line, Map<String, String> context) {
        var tenantId = call.tenantId();
        var tenant = tenants.findById(tenantId);
        if (tenant.isEmpty() || call.assistantId() == null) return Optional.empty();
        var assistant = assistants.findById(tenantId, call.assistantId());
        if (assistant.isEmpty()) return Optional.empty();
        var a = OutboundPrompts.personalize(assistant.get(), contexts.of(call));
        var provider = a.model().provider();
        var recorder = settings.recorder() == null ? CallRecorder.direct(calls) : settings.recorder();
        var driven = new ModelDrivenCall(call, a, provider, calls, recorder, runner, clock);
        var conversation = new StreamConversation(driven, line, settings.turns(), toolBudget, settings.timers(), settings.markWait());
        var facts = new TenantFacts(tenant.get().name(), tenant.get().timezone(), openingHours.apply(tenant.get()));
        var request = new VoiceSessionRequest(tenantId, provider, a.model().model(), a.voice().voiceId(), a.language(),
                SystemPrompt.assemble(a, facts, clock.instant(), context), toolbox.definitionsFor(a), a.firstMessage(),
                a.model().temperature(), line.audioThread());
        var model = models.stream().filter(m -> m.serves(provider)).findFirst();
        var offline = model.isPresent() && !model.get().hasKey(tenantId)
                ? models.stream().filter(m -> m.serves(RealtimeVoiceModel.OFFLINE)).findFirst() : Optional.<RealtimeVoiceModel>empty();
        if (offline.isPresent()) {
            // As the relay runtime falls back to the offline text model: a fresh install answers instead of apologising.
            driven.event("model.offline", Map.of("provider", provider,
                    "reason", "no key for " + provider + ": answering with the offline speech model"));
            model = offline;
        }
        if (offline.isEmpty() && model.isPresent() && settings.quota() != null && model.get().paidByPlatform(tenantId)) {
            var note = admitted(tenantId, call.id());
            if (note == null) {
                var quota = settings.quota();
                conversation.meteredBy(tokens -> quota.spent(tenantId, tokens));
            } else {
                // Over the tenant's daily quota on the platform's key: the offline speech model answers, or a polite goodbye.
                driven.event("model.note", Map.of("kind", note.kind(), "message", note.message()));
                offline = models.stream().filter(m -> m.serves(RealtimeVoiceModel.OFFLINE)).findFirst();
                if (offline.isEmpty()) {
                    conversation.refuse("platform quota: " + note.message());
                    return Optional.of(conversation);
                }
                model = offline;
            }
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

    /**
     * Counts the call against the tenant's day on the platform's key, once (asking again for the
     * same call answers the same). @return {@code null} when admitted, else why not
     */
    private ModelReply.Note admitted(TenantId tenantId, CallId callId) {
        try {
            return settings.quota().allows(tenantId, callId) ? null : PlatformKeyQuota.REACHED;
        } catch (RuntimeException storeDown) {
            // The count cannot be read: the caller still gets an answer, but not on the platform's bill unchecked.
            return PlatformKeyQuota.UNCHECKED;
        }
    }
}
