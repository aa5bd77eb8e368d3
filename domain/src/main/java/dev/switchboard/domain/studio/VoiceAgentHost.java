package dev.switchboard.domain.studio;

import dev.switchboard.domain.shared.E164Number;
import java.util.List;
import java.util.Optional;

/**
 * A platform that hosts the agent itself and calls us back (Vapi): assistants and phone numbers
 * in the tenant's organisation there. Every method talks to the host; failures are raised as a
 * {@link dev.switchboard.domain.shared.PortFailure} whose message carries the host's own words
 * (never a secret): rejected credentials, bad request (validation), rate limited, unavailable,
 * timeout, not found. Thread-safe.
 */
public interface VoiceAgentHost {
    /** Creates an assistant and returns what the host now holds. */
    HostedAssistant createAssistant(VapiAccount account, HostedAssistantSpec spec);

    /**
     * Replaces the assistant's settings (every synced field is sent whole).
     *
     * @throws dev.switchboard.domain.shared.PortFailure with category NOT_FOUND when the host no longer has it
     */
    HostedAssistant updateAssistant(VapiAccount account, String id, HostedAssistantSpec spec);

    /** The assistant as the host holds it now; empty when it does not exist (any more). */
    Optional<HostedAssistant> findAssistant(VapiAccount account, String id);

    /**
     * Every assistant of the organisation, as the host holds them: how a sync finds the assistant
     * it created when the host's answer to the create was lost (a timeout after the host applied it).
     */
    List<HostedAssistant> listAssistants(VapiAccount account);

    /** @return whether the host had it */
    boolean deleteAssistant(VapiAccount account, String id);

    /** Every phone number of the organisation. */
    List<HostedNumber> listNumbers(VapiAccount account);

    /**
     * Imports a Twilio number (the host then points the number's voice webhook at itself), answered
     * by {@code assistantId}, with {@code server} receiving messages for calls without an assistant.
     */
    HostedNumber importTwilioNumber(VapiAccount account, TwilioAccount twilio, E164Number number, String label,
                                    String assistantId, HostedServer server);

    /** Points an imported number at an assistant. */
    HostedNumber assignNumber(VapiAccount account, String numberId, String assistantId);

    /**
     * Places an outbound phone call ({@code POST /call}); the host then reports its progress in
     * server messages that carry {@link HostedCall#metadata()}. Never repeated by the adapter: a
     * second request could ring the customer twice.
     *
     * @return the host's id for the call
     * @throws dev.switchboard.domain.shared.PortFailure BAD_REQUEST, NOT_FOUND or REJECTED_CREDENTIALS
     *     when the host refused it (nothing was placed, the message says why in the host's words);
     *     TIMEOUT or UNAVAILABLE when the answer was lost (the call may exist); RATE_LIMITED
     */
    String placeCall(VapiAccount account, HostedCall call);
}
