package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.SyncStep.Action;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pushes assistants to Vapi and reports only what Vapi confirmed. Per assistant: upsert (update
 * the stored Vapi assistant; create it when there is none or Vapi no longer has it), then point
 * every phone number attached to it at it (importing the Twilio number into Vapi first when Vapi
 * does not have it), then read everything back and compare field by field. The assistant is
 * {@code SYNCED} only when every step succeeded and the read-back matches; otherwise it is
 * {@code FAILED} with the step that failed. Either way the state is stored. A failed step skips
 * what depends on it; nothing on our side claims more than Vapi holds.
 */
public final class SyncAssistantToVapi {
    /** @param assistantId one assistant; {@code null} for every assistant of the tenant whose runtime is Vapi */
    public record Command(TenantId tenantId, AssistantId assistantId) {
        public Command {
            Objects.requireNonNull(tenantId, "tenantId");
        }
    }

    /** Whether a sync ran, and if not, why. */
    public sealed interface Result {
        /** The sync ran; the report says how each step went. */
        record Done(SyncReport report) implements Result {}

        /** The tenant has no such assistant. */
        record AssistantNotFound(AssistantId id) implements Result {}

        /** The assistant's calls are not carried by Vapi; it is not synced there. */
        record NotVapiRuntime(AssistantId id, Runtime runtime) implements Result {}

        /** The tenant's Vapi connection (API key and webhook secret) is missing. */
        record NotConnected(String detail) implements Result {}
    }

    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final VapiSyncStateRepository states;
    private final VapiCredentials credentials;
    private final VapiSpecs specs;
    private final VoiceAgentHost host;
    private final Clock clock;

    public SyncAssistantToVapi(AssistantRepository assistants, PhoneNumberRepository numbers, VapiSyncStateRepository states,
                               VapiCredentials credentials, VapiSpecs specs, VoiceAgentHost host, Clock clock) {
        this.assistants = assistants;
        this.numbers = numbers;
        this.states = states;
        this.credentials = credentials;
        this.specs = specs;
        this.host = host;
        this.clock = clock;
    }

    public Result sync(Command command) {
        var tenant = command.tenantId();
        List<Assistant> targets;
        if (command.assistantId() != null) {
            var one = assistants.findById(tenant, command.assistantId());
            if (one.isEmpty()) return new Result.AssistantNotFound(command.assistantId());
            if (one.get().runtime() != Runtime.VAPI) return new Result.NotVapiRuntime(one.get().id(), one.get().runtime());
            targets = List.of(one.get());
        } else {
            targets = assistants.list(tenant).stream().filter(a -> a.runtime() == Runtime.VAPI).toList();
        }
        var account = credentials.vapi(tenant);
        var secret = credentials.webhookSecret(tenant);
        if (account.isEmpty() || secret.isEmpty())
            return new Result.NotConnected("connect Vapi first: PUT /api/v1/connections/vapi with apiKey and webhookSecret");
        var reports = new ArrayList<AssistantSyncReport>();
        for (var assistant : targets) reports.add(syncOne(assistant, account.get(), secret.get()));
        return new Result.Done(new SyncReport(reports));
    }

    private AssistantSyncReport syncOne(Assistant assistant, VapiAccount account, String secret) {
        var tenant = assistant.tenantId();
        var spec = specs.spec(assistant, secret);
        var previous = states.find(tenant, assistant.id());
        var steps = new ArrayList<SyncStep>();
        var upsert = upsert(account, spec, previous.map(VapiSyncState::vapiAssistantId).orElse(null));
        steps.add(upsert.step());
        var vapiId = upsert.vapiId() != null ? upsert.vapiId() : previous.map(VapiSyncState::vapiAssistantId).orElse(null);
        var attached = numbers.list(tenant).stream().filter(n -> assistant.id().equals(n.assistantId())).toList();
        if (!upsert.step().ok()) {
            for (var number : attached) steps.add(SyncStep.skipped("number", number.number().value(), "skipped: the assistant step failed"));
            steps.add(SyncStep.skipped("read-back", vapiId, "skipped: the assistant step failed"));
        } else {
            steps.addAll(assign(account, assistant, attached, vapiId, specs.server(tenant, secret)));
            steps.addAll(readBack(account, spec, vapiId, attached));
        }
        var failure = steps.stream().filter(s -> !s.ok()).findFirst();
        var status = failure.isEmpty() ? SyncStatus.SYNCED : SyncStatus.FAILED;
        var hash = spec.metadata(HostedAssistantSpec.HASH_KEY);
        var version = spec.metadata(HostedAssistantSpec.VERSION_KEY);
        states.save(new VapiSyncState(tenant, assistant.id(), status, clock.instant(), failure.map(SyncStep::describe).orElse(null),
                vapiId, version, hash));
        return new AssistantSyncReport(assistant.id(), assistant.name(), status, vapiId, version, hash, steps);
    }

    private record Upsert(SyncStep step, String vapiId) {}

    private Upsert upsert(VapiAccount account, HostedAssistantSpec spec, String storedId) {
        try {
            if (storedId != null) {
                var remote = host.findAssistant(account, storedId);
                if (remote.isPresent()) {
                    var current = remote.get().spec();
                    if (SpecComparison.differences(spec, current).isEmpty() && SpecComparison.metadataDifferences(spec, current).isEmpty())
                        return new Upsert(SyncStep.done("assistant", storedId, Action.UNCHANGED), storedId);
                    try {
                        var updated = host.updateAssistant(account, storedId, spec);
                        return new Upsert(SyncStep.done("assistant", updated.id(), Action.UPDATED), updated.id());
                    } catch (PortFailure e) {
                        if (e.category() != PortFailure.Category.NOT_FOUND) throw e;
                        // Deleted between our read and our write: create it again below.
                    }
                }
            }
            // A create whose answer was lost (a timeout after Vapi applied it) left an assistant we never
            // recorded: adopt it by our metadata rather than create a second one.
            var lost = host.listAssistants(account).stream().filter(a -> sameAssistant(spec, a.spec())).findFirst();
            if (lost.isPresent()) {
                var adopted = host.updateAssistant(account, lost.get().id(), spec);
                return new Upsert(SyncStep.done("assistant", adopted.id(), Action.UPDATED), adopted.id());
            }
            var created = host.createAssistant(account, spec);
            return new Upsert(SyncStep.done("assistant", created.id(), Action.CREATED), created.id());
        } catch (PortFailure e) {
            return new Upsert(SyncStep.failed("assistant", storedId, e.getMessage(), e.category()), null);
        }
    }

    private static boolean sameAssistant(HostedAssistantSpec ours, HostedAssistantSpec remote) {
        var id = ours.metadata(HostedAssistantSpec.ASSISTANT_KEY);
        return id != null && id.equals(remote.metadata(HostedAssistantSpec.ASSISTANT_KEY))
                && Objects.equals(ours.metadata(HostedAssistantSpec.TENANT_KEY), remote.metadata(HostedAssistantSpec.TENANT_KEY));
    }

    private List<SyncStep> assign(VapiAccount account, Assistant assistant, List<PhoneNumber> attached, String vapiId, HostedServer server) {
        if (attached.isEmpty()) return List.of();
        Map<String, HostedNumber> byNumber;
        Map<String, HostedNumber> byId;
        try {
            var remote = host.listNumbers(account);
            byNumber = remote.stream().filter(n -> n.number() != null).collect(Collectors.toMap(HostedNumber::number, Function.identity(), (a, b) -> a));
            byId = remote.stream().collect(Collectors.toMap(HostedNumber::id, Function.identity(), (a, b) -> a));
        } catch (PortFailure e) {
            return attached.stream().map(n -> SyncStep.failed("number", n.number().value(),
                    "listing Vapi's phone numbers failed: " + e.getMessage(), e.category())).toList();
        }
        var steps = new ArrayList<SyncStep>();
        for (var number : attached) {
            var e164 = number.number().value();
            var remote = Optional.ofNullable(number.vapiPhoneNumberId()).map(byId::get).or(() -> Optional.ofNullable(byNumber.get(e164)));
            try {
                HostedNumber result;
                Action action;
                if (remote.isPresent()) {
                    if (vapiId.equals(remote.get().assistantId())) {
                        result = remote.get();
                        action = Action.UNCHANGED;
                    } else {
                        result = host.assignNumber(account, remote.get().id(), vapiId);
                        action = Action.UPDATED;
                    }
                } else {
                    var twilio = credentials.twilio(assistant.tenantId());
                    if (twilio.isEmpty()) {
                        steps.add(SyncStep.failed("number", e164, "Vapi does not have this number and there is no Twilio "
                                + "connection to import it with: PUT /api/v1/connections/twilio with accountSid and authToken", null));
                        continue;
                    }
                    var label = number.label() != null ? number.label() : assistant.name();
                    result = host.importTwilioNumber(account, twilio.get(), number.number(), label, vapiId, server);
                    action = Action.CREATED;
                }
                if (!result.id().equals(number.vapiPhoneNumberId()))
                    numbers.save(new PhoneNumber(number.id(), number.tenantId(), number.number(), number.label(), number.assistantId(),
                            number.twilioSid(), result.id(), number.createdAt()));
                steps.add(SyncStep.done("number", e164, action));
            } catch (PortFailure e) {
                steps.add(SyncStep.failed("number", e164, e.getMessage(), e.category()));
            }
        }
        return steps;
    }

    private List<SyncStep> readBack(VapiAccount account, HostedAssistantSpec spec, String vapiId, List<PhoneNumber> attached) {
        var steps = new ArrayList<SyncStep>();
        try {
            var remote = host.findAssistant(account, vapiId);
            if (remote.isEmpty()) {
                steps.add(SyncStep.failed("read-back", vapiId, "Vapi no longer has assistant " + vapiId, null));
            } else {
                var differences = new ArrayList<>(SpecComparison.differences(spec, remote.get().spec()));
                differences.addAll(SpecComparison.metadataDifferences(spec, remote.get().spec()));
                steps.add(differences.isEmpty() ? SyncStep.done("read-back", vapiId, Action.VERIFIED)
                        : new SyncStep("read-back", vapiId, Action.FAILED, "Vapi does not hold what we sent: "
                        + differences.stream().map(FieldDifference::field).collect(Collectors.joining(", ")), null, differences));
            }
            if (!attached.isEmpty()) {
                var remoteNumbers = host.listNumbers(account).stream()
                        .filter(n -> n.number() != null).collect(Collectors.toMap(HostedNumber::number, Function.identity(), (a, b) -> a));
                for (var number : attached) {
                    var e164 = number.number().value();
                    var held = remoteNumbers.get(e164);
                    if (held == null) steps.add(SyncStep.failed("read-back", e164, "Vapi does not have this number", null));
                    else if (!vapiId.equals(held.assistantId()))
                        steps.add(new SyncStep("read-back", e164, Action.FAILED, "Vapi routes this number to another assistant", null,
                                List.of(new FieldDifference("assistantId", vapiId, held.assistantId()))));
                    else steps.add(SyncStep.done("read-back", e164, Action.VERIFIED));
                }
            }
        } catch (PortFailure e) {
            steps.add(SyncStep.failed("read-back", vapiId, e.getMessage(), e.category()));
        }
        return steps;
    }
}
