package dev.switchboard.vapi.in;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;

/**
 * The call a server message is about, as Vapi describes it.
 *
 * @param vapiCallId Vapi's call id: our {@code providerCallId} for Vapi calls
 * @param customerNumber the other party (the caller on inbound calls)
 * @param phoneNumber our number Vapi answered or dialled from (E.164 as Vapi gave it)
 * @param vapiAssistantId the Vapi assistant carrying the call, when known
 * @param metadataTenant / metadataAssistant our ids from the assistant's metadata, when present
 * @param carrierCallId Twilio's CallSid ({@code phoneCallProviderId}), when Twilio carries the call
 * @param placedCallId our call, when we placed it through Vapi (our id in the call's metadata)
 */
public record VapiCallRef(String vapiCallId, CallDirection direction, String customerNumber, String phoneNumber,
                          String vapiAssistantId, TenantId metadataTenant, AssistantId metadataAssistant, String carrierCallId,
                          CallId placedCallId) {}
