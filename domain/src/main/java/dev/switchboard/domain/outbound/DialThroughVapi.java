package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.conversation.OutboundPrompts;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedCall;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VapiSpecs;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.studio.VoiceAgentHost;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places an outbound call whose assistant runs on Vapi through Vapi's call API ({@code POST /call},
 * PROTOCOLS.md §9.4) instead of Twilio's: the synced assistant (a transient copy when it is not
 * synced, as for inbound calls), our number as Vapi has it (imported by the sync, or else the
 * tenant's Twilio account for Vapi to dial through), the customer, and the call's context — as
 * {@code variableValues}, and as the prompt and greeting of this call (variables filled, the
 * context block appended) like every runtime. Our ids go along as per-call metadata, so Vapi's
 * messages about the call find the queued call even before Vapi's answer was stored.
 */
public final class DialThroughVapi {
    /** What came of a dial. Failures of the request itself are thrown ({@link dev.switchboard.domain.shared.PortFailure}). */
    public sealed interface Outcome {
        /** @param shown what to show on the timeline (how the call was sent) */
        record Placed(String vapiCallId, Map<String, Object> shown) implements Outcome {}

        /** Nothing was sent: the tenant's setup does not allow it. */
        record NotPossible(String field, String reason) implements Outcome {}
    }

    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final VapiSyncStateRepository states;
    private final VapiCredentials credentials;
    private final VapiSpecs specs;
    private final VoiceAgentHost host;

    public DialThroughVapi(AssistantRepository assistants, PhoneNumberRepository numbers, VapiSyncStateRepository states,
                           VapiCredentials credentials, VapiSpecs specs, VoiceAgentHost host) {
        this.assistants = assistants;
        this.numbers = numbers;
        this.states = states;
        this.credentials = credentials;
        this.specs = specs;
        this.host = host;
    }

    /** Why a call from this number could not go through Vapi now; empty when it can. */
    public Optional<Outcome.NotPossible> check(TenantId tenant, PhoneNumber number) {
        if (credentials.vapi(tenant).isEmpty() || credentials.webhookSecret(tenant).isEmpty())
            return Optional.of(new Outcome.NotPossible("assistantId", "the assistant runs on Vapi: connect Vapi first "
                    + "(PUT /api/v1/connections/vapi with apiKey and webhookSecret)"));
        if (number.vapiPhoneNumberId() == null && credentials.twilio(tenant).isEmpty())
            return Optional.of(new Outcome.NotPossible("phoneNumberId", "Vapi cannot dial from " + number.number().value()
                    + ": import it into Vapi (attach it to a vapi assistant and POST /api/v1/studio/sync-vapi) or connect "
                    + "Twilio (PUT /api/v1/connections/twilio with accountSid and authToken) for Vapi to dial through"));
        return Optional.empty();
    }

    /** Asks Vapi to place the call. */
    public Outcome dial(Call call, DialOrder order) {
        var tenant = call.tenantId();
        var assistant = call.assistantId() == null ? Optional.<dev.switchboard.domain.assistant.Assistant>empty()
                : assistants.findById(tenant, call.assistantId());
        if (assistant.isEmpty()) return new Outcome.NotPossible("assistantId", "the call's assistant no longer exists");
        var number = call.phoneNumberId() == null ? Optional.<PhoneNumber>empty() : numbers.findById(tenant, call.phoneNumberId());
        if (number.isEmpty()) return new Outcome.NotPossible("phoneNumberId", "the call's phone number no longer exists");
        var unready = check(tenant, number.get());
        if (unready.isPresent()) return unready.get();
        var secret = credentials.webhookSecret(tenant).orElseThrow();
        var context = order.context();
        var spec = specs.spec(OutboundPrompts.personalize(assistant.get(), context), secret);
        var metadata = new HashMap<>(spec.metadata());
        metadata.put(HostedAssistantSpec.TENANT_KEY, tenant.toString());
        metadata.put(HostedAssistantSpec.ASSISTANT_KEY, assistant.get().id().toString());
        metadata.put(HostedCall.CALL_KEY, call.id().toString());
        var shown = new LinkedHashMap<String, Object>();
        shown.put("via", "vapi");
        var state = states.find(tenant, assistant.get().id());
        String vapiAssistantId = null;
        HostedAssistantSpec transientAssistant = null;
        HostedCall.PromptOverride prompt = null;
        if (state.isPresent() && state.get().vapiAssistantId() != null && state.get().status() != SyncStatus.FAILED) {
            vapiAssistantId = state.get().vapiAssistantId();
            shown.put("vapiAssistantId", vapiAssistantId);
            if (!context.isEmpty())
                prompt = new HostedCall.PromptOverride(spec.modelProvider(), spec.model(), spec.systemPrompt(), spec.firstMessage());
        } else {
            transientAssistant = spec.withMetadata(metadata);
            shown.put("transientAssistant", true);
        }
        var line = number.get().vapiPhoneNumberId();
        shown.put("vapiPhoneNumberId", line == null ? "none: dialed through the tenant's Twilio account" : line);
        var request = new HostedCall(vapiAssistantId, transientAssistant, line, line == null ? credentials.twilio(tenant).orElseThrow() : null,
                new E164Number(call.from()), new E164Number(call.to()), context.values(), prompt, metadata);
        var id = host.placeCall(credentials.vapi(tenant).orElseThrow(), request);
        shown.put("vapiCallId", id);
        return new Outcome.Placed(id, shown);
    }
}
