package dev.switchboard.vapi.in;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.StatusChange;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VapiSpecs;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.modelcall.DeliveryLedger;
import dev.switchboard.domain.modelcall.ModelDrivenCall;
import dev.switchboard.domain.tool.ToolCall;
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
 * forward, transcript turns have content-derived ids, and a message is applied by the one delivery
 * that claims its key in the {@link DeliveryLedger} — concurrent and later deliveries of it
 * change nothing (noted as {@code vapi.duplicate}). Every message lands on the call's timeline as
 * {@code vapi.<type>}.
 *
 * <p>Tool calls: each is claimed by its {@code toolCallId}, so it runs once whichever delivery (or
 * message) carries it; every other delivery waits for the stored answer and replays it. All tools
 * of one message run in parallel within one budget (Vapi waits 20 s for the answer, PROTOCOLS.md
 * §8.1); every item is answered, a tool that overruns or cannot run with an error item.
 *
 * <p>A call we placed through Vapi ({@code dev.switchboard.domain.outbound.DialThroughVapi}) is the
 * queued call, never a new one: found by Vapi's id once stored, or before that by our id in the
 * call's metadata — which also confirms a dial whose answer was lost.
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
    /** How long past its own budget a delivery waits for another one's tool answer: that one's budget started earlier, not later. */
    private static final Duration WAIT_GRACE = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 25;
    private final CallRepository calls;
    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final VapiSyncStateRepository states;
    private final VapiCredentials credentials;
    private final VapiWebhookSecrets secrets;
    private final VapiSpecs specs;
    private final ToolRunner tools;
    private final Duration toolBudget;
    private final DeliveryLedger ledger;
    private final DialQueue dials;
    private final Clock clock;
    private final java.util.function.Consumer<Call> ended;

    /**
     * @param toolBudget how long all tools of one {@code tool-calls} message may take together; keep it
     *                   well under Vapi's 20 s request timeout
     * @param ended told when a status update or the end-of-call report left the call ended (e.g. to
     *              diagnose it: no Twilio status callback ends a Vapi call); what it throws is dropped
     */
    public IngestVapiMessage(CallRepository calls, AssistantRepository assistants, PhoneNumberRepository numbers,
                             VapiSyncStateRepository states, VapiCredentials credentials, VapiSpecs specs,
                             DeliveryLedger ledger, dev.switchboard.domain.tool.Toolbox toolbox,
                             java.util.concurrent.ExecutorService toolExecutor, Duration toolBudget, DialQueue dials, Clock clock,
                             java.util.function.Consumer<Call> ended) {
        this.ended = ended;
        this.dials = dials;
        this.calls = calls;
        this.assistants = assistants;
        this.numbers = numbers;
        this.states = states;
        this.credentials = credentials;
        this.secrets = new VapiWebhookSecrets(credentials);
        this.specs = specs;
        this.tools = new ToolRunner(toolbox, toolExecutor, toolBudget);
        this.toolBudget = toolBudget;
        this.ledger = ledger;
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
        // Claimed before anything is applied: of concurrent deliveries exactly one gets past here.
        var key = message.envelope().key();
        if (!ledger.claim(tenant, ref.vapiCallId(), key, clock.instant()))
            return new Outcome.Handled(duplicate(tenant, call, ref, message));
        VapiReply reply;
        try {
            reply = apply(tenant, call, ref, message);
        } catch (RuntimeException e) {
            // Not applied (the database went away…): a retry must not be taken for a duplicate.
            try {
                ledger.release(tenant, ref.vapiCallId(), key);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        // Applied: the claim no longer expires. Should this write fail, the claim lapses after its lease
        // and a redelivery applies the message again — harmless: turns, statuses and tool answers are idempotent.
        ledger.applied(tenant, ref.vapiCallId(), key, clock.instant());
        if (message instanceof VapiMessage.StatusUpdate || message instanceof VapiMessage.EndOfCallReport) endedIfOver(tenant, call);
        return new Outcome.Handled(reply);
    }

    private void endedIfOver(TenantId tenant, Call call) {
        try {
            var now = current(tenant, call);
            if (now.status().isFinal()) ended.accept(now);
        } catch (RuntimeException e) {
            // Applied and acknowledged regardless: a diagnosis that could not be kept now is made again when it is read.
        }
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
            data.put("saved", t.isFinal() && transcriptOf(current(tenant, call)).recordTurn(t.turn()));
        } else if (message instanceof VapiMessage.ConversationUpdate u) {
            data.put("turns", transcriptOf(current(tenant, call)).recordTurns(u.turns()));
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
        data.put("turns", transcriptOf(stored).recordTurns(r.turns()));
        if (cost != null) {
            var costData = new LinkedHashMap<String, Object>();
            costData.put("total", r.cost().toPlainString());
            costData.put("currency", "USD");
            costData.put("breakdown", r.costs());
            calls.appendEvent(CallEvent.of(stored, clock.instant(), "vapi.cost", costData));
        }
        if (!r.analysis().isEmpty()) calls.appendEvent(CallEvent.of(stored, clock.instant(), "vapi.analysis", r.analysis()));
    }

    /**
     * One answer per item, in order. Each runnable item is claimed by its tool call id; the items
     * this delivery claimed run together within the budget, the others are answered from the
     * ledger once their winner stored them (an error item if that takes past the budget).
     */
    private List<VapiReply.ToolResult> runTools(TenantId tenant, Call call, VapiCallRef ref, VapiMessage.ToolCalls message) {
        long deadline = System.nanoTime() + toolBudget.toNanos();
        var items = message.items();
        var answers = new VapiReply.ToolResult[items.size()];
        var mine = new ArrayList<Integer>();
        var driven = driven(tenant, call, ref);
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var toolCall = item.call();
            if (item.problem() != null) answers[i] = error(toolCall, item.problem());
            else if (driven.assistant().isEmpty())
                answers[i] = error(toolCall, "Error: this call has no assistant configured in Switchboard, so no tool can run.");
            else if (ledger.claim(tenant, ref.vapiCallId(), DeliveryLedger.toolCallKey(toolCall.id()), clock.instant())) mine.add(i);
        }
        if (!mine.isEmpty()) {
            var toRun = mine.stream().map(i -> items.get(i).call()).toList();
            var outcomes = driven.runTools(toRun, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            for (int n = 0; n < toRun.size(); n++) {
                var toolCall = toRun.get(n);
                var outcome = outcomes.get(n);
                var text = ModelDrivenCall.singleLine(outcome.forModel());
                var result = outcome instanceof ToolOutcome.Failed
                        ? error(toolCall, text.isEmpty() ? "Error" : text)
                        : new VapiReply.ToolResult(toolCall.id(), toolCall.name(), text, null);
                ledger.recordResult(tenant, ref.vapiCallId(), DeliveryLedger.toolCallKey(toolCall.id()), answer(result), clock.instant());
                answers[mine.get(n)] = result;
            }
        }
        long waitUntil = deadline + WAIT_GRACE.toNanos();
        for (int i = 0; i < items.size(); i++)
            if (answers[i] == null) answers[i] = answeredElsewhere(tenant, ref, items.get(i).call(), waitUntil);
        return List.of(answers);
    }

    /** The answer another delivery is giving this tool call, once it stored it; the request's id is echoed either way. */
    private VapiReply.ToolResult answeredElsewhere(TenantId tenant, VapiCallRef ref, ToolCall toolCall, long waitUntil) {
        var key = DeliveryLedger.toolCallKey(toolCall.id());
        while (true) {
            var stored = ledger.result(tenant, ref.vapiCallId(), key);
            if (stored.isPresent())
                return new VapiReply.ToolResult(toolCall.id(), toolCall.name(), stored.get().result(), stored.get().error());
            if (System.nanoTime() - waitUntil >= 0) break;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return error(toolCall, "Error: " + toolCall.name() + " is still being handled by an earlier request and has not answered yet. "
                + "Tell the caller and do not call it again.");
    }

    /** This call as the one domain for model-driven calls sees it: its turns and tool calls are recorded there. */
    private ModelDrivenCall driven(TenantId tenant, Call call, VapiCallRef ref) {
        return new ModelDrivenCall(call, assistantOf(tenant, ref, call).orElse(null), "vapi", calls, tools, clock);
    }

    /** For writing Vapi's transcript, which needs no assistant. */
    private ModelDrivenCall transcriptOf(Call call) {
        return new ModelDrivenCall(call, null, "vapi", calls, tools, clock);
    }

    private static DeliveryLedger.ToolAnswer answer(VapiReply.ToolResult r) {
        return new DeliveryLedger.ToolAnswer(r.toolCallId(), r.name(), r.result(), r.error());
    }

    private static VapiReply.ToolResult error(ToolCall toolCall, String text) {
        return new VapiReply.ToolResult(toolCall.id(), toolCall.name(), null, ModelDrivenCall.singleLine(text));
    }

    /**
     * A delivery of a message another one claimed: nothing changes; tool calls get the answers the
     * first run gives (waiting for them if it is still running), an assistant-request is answered again.
     */
    private VapiReply duplicate(TenantId tenant, Call call, VapiCallRef ref, VapiMessage message) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), "vapi.duplicate",
                Map.of("type", message.envelope().type(), "messageKey", message.envelope().key())));
        if (message instanceof VapiMessage.AssistantRequest) return assistantFor(tenant, ref);
        if (message instanceof VapiMessage.ToolCalls t) return new VapiReply.ToolResults(runTools(tenant, current(tenant, call), ref, t));
        return new VapiReply.Ack();
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
        var placed = placedCall(tenant, ref, message);
        if (placed.isPresent()) return placed.get();
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

    /**
     * The call we queued and placed through Vapi, found by our id in the call's metadata when
     * Vapi's id is not on it yet — the message came before Vapi's answer to our {@code POST /call}
     * was stored, or that answer was lost to a timeout. The message proves Vapi has the call: its
     * id is stored and the call is never dialed again, as a Twilio webhook naming a call does.
     */
    private Optional<Call> placedCall(TenantId tenant, VapiCallRef ref, VapiMessage message) {
        if (ref.placedCallId() == null) return Optional.empty();
        var ours = calls.findById(tenant, ref.placedCallId())
                .filter(c -> c.direction() == CallDirection.OUTBOUND && c.runtime() == Runtime.VAPI);
        // Another Vapi call already holds it (a dial tried again after a silent timeout): keep the two apart.
        if (ours.isEmpty() || (ours.get().providerCallId() != null && !ours.get().providerCallId().equals(ref.vapiCallId())))
            return Optional.empty();
        if (dials.confirm(tenant, ours.get().id(), ref.vapiCallId()))
            calls.appendEvent(CallEvent.of(ours.get(), clock.instant(), "dial.confirmed",
                    Map.of("vapiCallId", ref.vapiCallId(), "by", "vapi." + message.envelope().type())));
        return calls.findByProviderCallId(tenant, ref.vapiCallId());
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

}
