package dev.switchboard.domain.vapi;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.StatusChange;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VapiSpecs;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns Vapi's server messages into our records. Authenticates first (the tenant's webhook
 * secret; nothing is stored for a wrong one), then keeps one {@link Call} per Vapi call id
 * (runtime {@code VAPI}) whatever the order and however often messages arrive: statuses only move
 * forward, transcript turns have content-derived ids, a redelivered message (same key) changes
 * nothing and a redelivered {@code tool-calls} gets the results of the first run instead of
 * running the tools twice. Every message lands on the call's timeline as {@code vapi.<type>}.
 *
 * <p>Which tenant: the one in the webhook path ({@code /webhooks/vapi/<tenant>}, which synced
 * assistants use); else the tenant in the assistant's metadata; else the owner of the called
 * number. Whichever it is, that tenant's secret must match.
 */
public final class IngestVapiMessage {
    /**
     * @param pathTenant the tenant named by the webhook URL; {@code null} on the bare {@code /webhooks/vapi}
     * @param presentedSecrets what the request carried ({@code X-Vapi-Secret}, bearer token)
     */
    public record Command(TenantId pathTenant, List<String> presentedSecrets, VapiMessage message) {
        public Command {
            presentedSecrets = presentedSecrets == null ? List.of() : presentedSecrets.stream().filter(Objects::nonNull).toList();
            Objects.requireNonNull(message, "message");
        }
    }

    /** Handled (with the answer for Vapi), or refused before anything was stored. */
    public sealed interface Outcome {
        record Handled(VapiReply reply) implements Outcome {}

        record Unauthorized(String reason) implements Outcome {}
    }

    private static final int MAX_ATTEMPTS = 10;
    private final CallRepository calls;
    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final VapiSyncStateRepository states;
    private final VapiCredentials credentials;
    private final VapiWebhookSecrets secrets;
    private final VapiSpecs specs;
    private final ToolRunner tools;
    private final VapiTranscript transcript;
    private final Clock clock;

    public IngestVapiMessage(CallRepository calls, AssistantRepository assistants, PhoneNumberRepository numbers,
                             VapiSyncStateRepository states, VapiCredentials credentials, VapiSpecs specs,
                             dev.switchboard.domain.tool.Toolbox toolbox, java.util.concurrent.ExecutorService toolExecutor,
                             Duration toolTimeout, Clock clock) {
        this.calls = calls;
        this.assistants = assistants;
        this.numbers = numbers;
        this.states = states;
        this.credentials = credentials;
        this.secrets = new VapiWebhookSecrets(credentials);
        this.specs = specs;
        this.tools = new ToolRunner(toolbox, toolExecutor, toolTimeout);
        this.transcript = new VapiTranscript(calls);
        this.clock = clock;
    }

    public Outcome handle(Command command) {
        var message = command.message();
        var ref = message.envelope().call();
        var tenant = command.pathTenant() != null ? command.pathTenant() : tenantOf(ref);
        if (tenant == null) return new Outcome.Unauthorized("cannot tell which tenant this message is for");
        if (!secrets.accepts(tenant, command.presentedSecrets())) return new Outcome.Unauthorized("wrong or missing webhook secret");
        if (ref == null || ref.vapiCallId() == null || ref.vapiCallId().isBlank())
            return new Outcome.Handled(message instanceof VapiMessage.AssistantRequest ? assistantFor(tenant, ref) : new VapiReply.Ack());
        var call = findOrCreate(tenant, ref, message);
        var key = message.envelope().key();
        var earlier = calls.events(tenant, call.id()).stream().filter(e -> key.equals(e.data().get("messageKey"))).findFirst();
        if (earlier.isPresent()) return new Outcome.Handled(replay(tenant, call, message, earlier.get()));
        return new Outcome.Handled(apply(tenant, call, ref, message));
    }

    private VapiReply apply(TenantId tenant, Call call, VapiCallRef ref, VapiMessage message) {
        var envelope = message.envelope();
        var data = new LinkedHashMap<String, Object>();
        data.put("messageKey", envelope.key());
        VapiReply reply = new VapiReply.Ack();
        if (message instanceof VapiMessage.StatusUpdate s) {
            data.put("status", String.valueOf(s.status()));
            if (s.endedReason() != null) data.put("endedReason", s.endedReason());
            var next = VapiCallStatus.of(s.status(), s.endedReason());
            next.ifPresent(status -> data.put("applied", advance(tenant, call, status, envelope.at())));
            if (s.endedReason() != null) change(tenant, call, c -> c.withEnding(s.endedReason(), null, null));
        } else if (message instanceof VapiMessage.EndOfCallReport r) {
            endOfCall(tenant, call, r, data);
        } else if (message instanceof VapiMessage.Transcript t) {
            data.put("speaker", t.turn().speaker().name().toLowerCase());
            data.put("final", t.isFinal());
            data.put("saved", t.isFinal() && transcript.saveOne(current(tenant, call), t.turn()));
        } else if (message instanceof VapiMessage.ConversationUpdate u) {
            data.put("turns", transcript.saveAll(current(tenant, call), u.turns()));
        } else if (message instanceof VapiMessage.ToolCalls t) {
            var results = runTools(tenant, current(tenant, call), ref, t);
            data.put("results", results.stream().map(IngestVapiMessage::resultData).toList());
            reply = new VapiReply.ToolResults(results);
        } else if (message instanceof VapiMessage.AssistantRequest) {
            reply = assistantFor(tenant, ref);
            data.put("answer", describe(reply));
        } else if (message instanceof VapiMessage.Other o) {
            data.put("handled", false);
            if (!o.details().isEmpty()) data.put("details", o.details());
        }
        calls.appendEvent(new CallEvent(call.id(), tenant, clock.instant(), "vapi." + envelope.type(), data));
        return reply;
    }

    private void endOfCall(TenantId tenant, Call call, VapiMessage.EndOfCallReport r, Map<String, Object> data) {
        var at = r.envelope().at();
        if (r.endedReason() != null) data.put("endedReason", r.endedReason());
        if (r.startedAt() != null) advance(tenant, call, CallStatus.IN_PROGRESS, r.startedAt());
        var finalStatus = VapiCallStatus.ended(r.endedReason());
        data.put("applied", advance(tenant, call, finalStatus, r.endedAt() != null ? r.endedAt() : at));
        var cost = r.cost() == null ? null : new Money(r.cost(), "USD");
        // The report is authoritative for timing: a status-update may have ended the call first, with its own clock.
        change(tenant, call, c -> {
            var answered = r.startedAt() != null ? r.startedAt() : c.answeredAt();
            var ended = r.endedAt() != null && c.status().isFinal() ? r.endedAt() : c.endedAt();
            var duration = answered != null && ended != null ? (int) Math.max(0, Duration.between(answered, ended).toSeconds()) : c.durationSeconds();
            var timed = new Call(c.id(), c.tenantId(), c.direction(), c.from(), c.to(), c.runtime(), c.assistantId(), c.phoneNumberId(),
                    c.providerCallId(), c.status(), c.createdAt(), answered, ended, duration, c.cost(), c.endedReason(), c.recordingUrl(), c.summary());
            var ending = timed.withEnding(r.endedReason(), cost, r.recordingUrl());
            return r.summary() != null && !r.summary().isBlank() ? ending.withSummary(r.summary().strip()) : ending;
        });
        var stored = current(tenant, call);
        data.put("turns", transcript.saveAll(stored, r.turns()));
        if (cost != null) {
            var costData = new LinkedHashMap<String, Object>();
            costData.put("total", r.cost().toPlainString());
            costData.put("currency", "USD");
            costData.put("breakdown", r.costs());
            calls.appendEvent(CallEvent.of(stored, clock.instant(), "vapi.cost", costData));
        }
        if (!r.analysis().isEmpty()) calls.appendEvent(CallEvent.of(stored, clock.instant(), "vapi.analysis", r.analysis()));
    }

    private List<VapiReply.ToolResult> runTools(TenantId tenant, Call call, VapiCallRef ref, VapiMessage.ToolCalls message) {
        var assistant = assistantOf(tenant, ref, call);
        var results = new ArrayList<VapiReply.ToolResult>();
        for (var toolCall : message.calls()) {
            if (assistant.isEmpty()) {
                results.add(new VapiReply.ToolResult(toolCall.id(), toolCall.name(), null,
                        "Error: this call has no assistant configured in Switchboard, so no tool can run."));
                continue;
            }
            var caller = call.direction() == CallDirection.INBOUND ? call.from() : call.to();
            var outcome = tools.run(new ToolContext(tenant, assistant.get(), call.id(), caller), toolCall);
            var text = VapiTools.singleLine(outcome.forModel());
            var result = outcome instanceof ToolOutcome.Failed
                    ? new VapiReply.ToolResult(toolCall.id(), toolCall.name(), null, text.isEmpty() ? "Error" : text)
                    : new VapiReply.ToolResult(toolCall.id(), toolCall.name(), text, null);
            results.add(result);
            var event = new LinkedHashMap<String, Object>();
            event.put("toolCallId", toolCall.id());
            event.put("name", toolCall.name());
            event.put("arguments", toolCall.arguments());
            event.put("outcome", outcome.getClass().getSimpleName());
            event.put("result", text);
            event.put("details", outcome.details());
            calls.appendEvent(CallEvent.of(call, clock.instant(), "tool.called", event));
        }
        return results;
    }

    /** A redelivery: nothing changes; tool-calls get the results of the first run, an assistant-request is answered again. */
    private VapiReply replay(TenantId tenant, Call call, VapiMessage message, CallEvent earlier) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), "vapi.duplicate",
                Map.of("type", message.envelope().type(), "messageKey", message.envelope().key())));
        if (message instanceof VapiMessage.AssistantRequest) return assistantFor(tenant, message.envelope().call());
        if (!(message instanceof VapiMessage.ToolCalls)) return new VapiReply.Ack();
        var results = new ArrayList<VapiReply.ToolResult>();
        if (earlier.data().get("results") instanceof List<?> stored)
            for (var item : stored)
                if (item instanceof Map<?, ?> m)
                    results.add(new VapiReply.ToolResult(text(m.get("toolCallId")), text(m.get("name")), text(m.get("result")), text(m.get("error"))));
        return new VapiReply.ToolResults(results);
    }

    private VapiReply assistantFor(TenantId tenant, VapiCallRef ref) {
        var number = numberOf(tenant, ref);
        var assistant = number.map(PhoneNumber::assistantId).flatMap(id -> assistants.findById(tenant, id));
        if (assistant.isEmpty()) return new VapiReply.Refuse("Sorry, this line is not set up to take calls yet. Please try again later.");
        var state = states.find(tenant, assistant.get().id());
        if (state.isPresent() && state.get().vapiAssistantId() != null && state.get().status() != SyncStatus.FAILED)
            return new VapiReply.UseAssistant(state.get().vapiAssistantId());
        var secret = credentials.webhookSecret(tenant);
        return secret.<VapiReply>map(s -> new VapiReply.TransientAssistant(specs.spec(assistant.get(), s)))
                .orElseGet(() -> new VapiReply.Refuse("Sorry, this line is not set up to take calls yet. Please try again later."));
    }

    private Call findOrCreate(TenantId tenant, VapiCallRef ref, VapiMessage message) {
        var existing = calls.findByProviderCallId(tenant, ref.vapiCallId());
        if (existing.isPresent()) return existing.get();
        var number = numberOf(tenant, ref);
        var direction = ref.direction() == null ? CallDirection.INBOUND : ref.direction();
        var ours = ref.phoneNumber() != null ? ref.phoneNumber() : number.map(n -> n.number().value()).orElse("unknown");
        var theirs = ref.customerNumber() != null ? ref.customerNumber() : "unknown";
        var status = CallStatus.RINGING;
        var at = message.envelope().at();
        if (message instanceof VapiMessage.StatusUpdate s)
            status = VapiCallStatus.of(s.status(), s.endedReason()).filter(st -> !st.isFinal()).orElse(CallStatus.RINGING);
        if (message instanceof VapiMessage.EndOfCallReport r && r.startedAt() != null) at = r.startedAt();
        var assistant = assistantOf(tenant, ref, null).map(Assistant::id).orElse(null);
        var call = Call.started(tenant, direction, direction == CallDirection.INBOUND ? theirs : ours,
                direction == CallDirection.INBOUND ? ours : theirs, Runtime.VAPI, assistant, number.map(PhoneNumber::id).orElse(null),
                ref.vapiCallId(), status, at);
        try {
            calls.add(call);
            var data = new LinkedHashMap<String, Object>();
            data.put("vapiCallId", ref.vapiCallId());
            if (ref.carrierCallId() != null) data.put("carrierCallId", ref.carrierCallId());
            if (ref.vapiAssistantId() != null) data.put("vapiAssistantId", ref.vapiAssistantId());
            calls.appendEvent(CallEvent.of(call, clock.instant(), "vapi.call.created", data));
            return call;
        } catch (IllegalArgumentException raced) {
            // Another delivery for the same call created it first: use that one.
            return calls.findByProviderCallId(tenant, ref.vapiCallId()).orElseThrow(() -> raced);
        }
    }

    /** Moves the status forward (compare-and-set, so racing deliveries cannot move it back). */
    private String advance(TenantId tenant, Call call, CallStatus next, Instant at) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var fresh = current(tenant, call);
            var change = fresh.advance(next, at);
            if (change instanceof StatusChange.Ignored) return "ignored: already " + fresh.status().wireName();
            if (calls.replaceIfStatus(change.call(), fresh.status())) {
                calls.appendEvent(CallEvent.of(fresh, clock.instant(), "status.changed",
                        Map.of("from", fresh.status().wireName(), "to", next.wireName(), "source", "vapi")));
                return next.wireName();
            }
        }
        throw new IllegalStateException("call " + call.id() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    private void change(TenantId tenant, Call call, UnaryOperator<Call> edit) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var fresh = current(tenant, call);
            if (calls.replaceIfStatus(edit.apply(fresh), fresh.status())) return;
        }
        throw new IllegalStateException("call " + call.id() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    private Call current(TenantId tenant, Call call) {
        return calls.findById(tenant, call.id()).orElse(call);
    }

    private Optional<Assistant> assistantOf(TenantId tenant, VapiCallRef ref, Call call) {
        if (call != null && call.assistantId() != null) {
            var found = assistants.findById(tenant, call.assistantId());
            if (found.isPresent()) return found;
        }
        if (ref.metadataAssistant() != null) {
            var found = assistants.findById(tenant, ref.metadataAssistant());
            if (found.isPresent()) return found;
        }
        if (ref.vapiAssistantId() != null) {
            var found = states.findByVapiAssistantId(tenant, ref.vapiAssistantId()).flatMap(s -> assistants.findById(tenant, s.assistantId()));
            if (found.isPresent()) return found;
        }
        return numberOf(tenant, ref).map(PhoneNumber::assistantId).flatMap(id -> assistants.findById(tenant, id));
    }

    private Optional<PhoneNumber> numberOf(TenantId tenant, VapiCallRef ref) {
        if (ref == null || !E164Number.isValid(ref.phoneNumber())) return Optional.empty();
        return numbers.findByNumber(new E164Number(ref.phoneNumber())).filter(n -> n.tenantId().equals(tenant));
    }

    private TenantId tenantOf(VapiCallRef ref) {
        if (ref == null) return null;
        if (ref.metadataTenant() != null) return ref.metadataTenant();
        if (!E164Number.isValid(ref.phoneNumber())) return null;
        return numbers.findByNumber(new E164Number(ref.phoneNumber())).map(PhoneNumber::tenantId).orElse(null);
    }

    private static Map<String, Object> resultData(VapiReply.ToolResult r) {
        var out = new LinkedHashMap<String, Object>();
        out.put("toolCallId", r.toolCallId());
        out.put("name", r.name());
        if (r.result() != null) out.put("result", r.result());
        if (r.error() != null) out.put("error", r.error());
        return out;
    }

    private static String describe(VapiReply reply) {
        if (reply instanceof VapiReply.UseAssistant u) return "assistant " + u.vapiAssistantId();
        if (reply instanceof VapiReply.TransientAssistant t) return "transient assistant " + t.spec().name();
        if (reply instanceof VapiReply.Refuse r) return "refused: " + r.error();
        return "ack";
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

}
