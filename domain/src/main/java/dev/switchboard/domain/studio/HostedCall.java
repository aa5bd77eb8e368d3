package dev.switchboard.domain.studio;

import dev.switchboard.domain.shared.E164Number;
import java.util.Map;
import java.util.Objects;

/**
 * An outbound phone call for the host to place ({@code POST /call}, PROTOCOLS.md §9.4): who
 * speaks, on which line, to whom, with what this call knows.
 *
 * @param assistantId the host's id of the synced assistant; {@code null} when {@code assistant} is given
 * @param assistant a transient assistant, for one that is not synced (or whose sync failed); else {@code null}
 * @param phoneNumberId the host's id of our number (imported into the host); {@code null} when {@code twilio} is given
 * @param twilio the Twilio account that holds {@code from}, for a number the host has not imported; else {@code null}
 * @param from our number, the caller ID
 * @param customer who is called
 * @param variableValues the call's context, filling {@code {{variables}}} the host renders itself
 * @param prompt the assistant's system prompt for this call (variables filled, the context
 *     block appended), sent as a per-call override; {@code null} to keep the synced prompt
 * @param metadata our ids for this call (tenant, assistant, call), which the host's messages
 *     about the call carry back
 */
public record HostedCall(String assistantId, HostedAssistantSpec assistant, String phoneNumberId, TwilioAccount twilio,
                         E164Number from, E164Number customer, Map<String, Object> variableValues, PromptOverride prompt,
                         Map<String, String> metadata) {
    /** Our key in the per-call metadata naming our call. */
    public static final String CALL_KEY = "switchboardCallId";

    /**
     * The system prompt (and first message) replaced for one call, in the assistant's own model
     * (the same provider keeps its tools and settings).
     *
     * @param firstMessage {@code null} to keep the synced one
     */
    public record PromptOverride(String modelProvider, String model, String systemPrompt, String firstMessage) {
        public PromptOverride {
            Objects.requireNonNull(modelProvider, "modelProvider");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(systemPrompt, "systemPrompt");
        }
    }

    public HostedCall {
        if ((assistantId == null) == (assistant == null)) throw new IllegalArgumentException("exactly one of assistantId and assistant");
        if ((phoneNumberId == null) == (twilio == null)) throw new IllegalArgumentException("exactly one of phoneNumberId and twilio");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(customer, "customer");
        variableValues = variableValues == null ? Map.of() : variableValues;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public String toString() {
        return "HostedCall[" + (assistantId != null ? "assistant " + assistantId : "transient assistant") + ", "
                + (phoneNumberId != null ? "number " + phoneNumberId : "Twilio line " + from) + " → " + customer + "]";
    }
}
