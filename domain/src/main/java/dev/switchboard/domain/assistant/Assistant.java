package dev.switchboard.domain.assistant;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An AI agent as a tenant configured it in the Studio. Whatever runtime carries its calls, these
 * settings are the single source of truth (the Vapi runtime syncs them out).
 *
 * @param language BCP 47 tag of the language the agent speaks, e.g. {@code fr-FR}
 * @param interruptible what may cut the agent off while it speaks ({@code null}: anything)
 * @param transferNumber where a hand-off to a human goes; {@code null} when there is none
 * @param recording whether its calls are recorded as stereo WAV (caller left, agent right); only the
 *     stream runtime carries the call's audio through Switchboard, so only a stream assistant may record
 * @param outbound how it places calls (machine detection, voicemail, retries)
 */
public record Assistant(
        AssistantId id,
        TenantId tenantId,
        String name,
        String persona,
        String systemPrompt,
        String firstMessage,
        String language,
        VoiceSettings voice,
        TranscriberSettings transcriber,
        ModelSettings model,
        Set<String> enabledTools,
        DtmfPolicy dtmfPolicy,
        Interruptibility interruptible,
        E164Number transferNumber,
        Runtime runtime,
        Instant createdAt,
        Instant updatedAt,
        boolean recording,
        OutboundSettings outbound) {

    /** The tools an assistant may enable; every runtime offers the same ones. */
    public static final Set<String> KNOWN_TOOLS = Set.of("search_knowledge", "check_availability", "book_appointment",
            "cancel_appointment", "transfer_to_human", "end_call", "send_sms", "send_digits");

    public Assistant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        name = Text.required(name, "name");
        persona = Text.optional(persona);
        systemPrompt = Text.required(systemPrompt, "systemPrompt");
        firstMessage = Text.optional(firstMessage);
        language = Text.required(language, "language");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(transcriber, "transcriber");
        Objects.requireNonNull(model, "model");
        enabledTools = Set.copyOf(new TreeSet<>(enabledTools == null ? Set.of() : enabledTools));
        for (var tool : enabledTools)
            if (!KNOWN_TOOLS.contains(tool)) throw new IllegalArgumentException("unknown tool: " + tool + " (known: " + new TreeSet<>(KNOWN_TOOLS) + ")");
        dtmfPolicy = dtmfPolicy == null ? DtmfPolicy.standard() : dtmfPolicy;
        interruptible = interruptible == null ? Interruptibility.ANY : interruptible;
        Objects.requireNonNull(runtime, "runtime");
        if (runtime == Runtime.VAPI && model.provider().equalsIgnoreCase("offline"))
            throw new IllegalArgumentException("model.provider: the offline model only runs on Switchboard; "
                    + "an assistant on the vapi runtime needs a provider Vapi runs, such as anthropic or openai");
        if (runtime == Runtime.STREAM) SpeechModels.problem(model, voice).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (recording && runtime != Runtime.STREAM)
            throw new IllegalArgumentException("recording: only the stream runtime carries the call's audio through Switchboard; "
                    + "on relay Twilio does the speech and there is no audio to record, and Vapi records on its side");
        outbound = outbound == null ? OutboundSettings.DEFAULT : outbound;
    }

    /** An assistant whose calls are not recorded, with the default outbound settings (no machine detection, no retries). */
    public Assistant(AssistantId id, TenantId tenantId, String name, String persona, String systemPrompt, String firstMessage,
                     String language, VoiceSettings voice, TranscriberSettings transcriber, ModelSettings model,
                     Set<String> enabledTools, DtmfPolicy dtmfPolicy, Interruptibility interruptible, E164Number transferNumber,
                     Runtime runtime, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, name, persona, systemPrompt, firstMessage, language, voice, transcriber, model, enabledTools,
                dtmfPolicy, interruptible, transferNumber, runtime, createdAt, updatedAt, false, OutboundSettings.DEFAULT);
    }

    /** An assistant with the default outbound settings. */
    public Assistant(AssistantId id, TenantId tenantId, String name, String persona, String systemPrompt, String firstMessage,
                     String language, VoiceSettings voice, TranscriberSettings transcriber, ModelSettings model,
                     Set<String> enabledTools, DtmfPolicy dtmfPolicy, Interruptibility interruptible, E164Number transferNumber,
                     Runtime runtime, Instant createdAt, Instant updatedAt, boolean recording) {
        this(id, tenantId, name, persona, systemPrompt, firstMessage, language, voice, transcriber, model, enabledTools,
                dtmfPolicy, interruptible, transferNumber, runtime, createdAt, updatedAt, recording, OutboundSettings.DEFAULT);
    }

    /** An assistant whose calls are not recorded. */
    public Assistant(AssistantId id, TenantId tenantId, String name, String persona, String systemPrompt, String firstMessage,
                     String language, VoiceSettings voice, TranscriberSettings transcriber, ModelSettings model,
                     Set<String> enabledTools, DtmfPolicy dtmfPolicy, Interruptibility interruptible, E164Number transferNumber,
                     Runtime runtime, Instant createdAt, Instant updatedAt, OutboundSettings outbound) {
        this(id, tenantId, name, persona, systemPrompt, firstMessage, language, voice, transcriber, model, enabledTools,
                dtmfPolicy, interruptible, transferNumber, runtime, createdAt, updatedAt, false, outbound);
    }

    /** The same assistant speaking other words for one call (e.g. its prompts with a call's context filled in). */
    public Assistant withPrompts(String prompt, String greeting) {
        return new Assistant(id, tenantId, name, persona, prompt, greeting, language, voice, transcriber, model, enabledTools,
                dtmfPolicy, interruptible, transferNumber, runtime, createdAt, updatedAt, recording, outbound);
    }

    /** An assistant the caller can interrupt any way (speech or keys), the usual choice. */
    public Assistant(AssistantId id, TenantId tenantId, String name, String persona, String systemPrompt, String firstMessage,
                     String language, VoiceSettings voice, TranscriberSettings transcriber, ModelSettings model,
                     Set<String> enabledTools, DtmfPolicy dtmfPolicy, E164Number transferNumber, Runtime runtime,
                     Instant createdAt, Instant updatedAt) {
        this(id, tenantId, name, persona, systemPrompt, firstMessage, language, voice, transcriber, model, enabledTools,
                dtmfPolicy, Interruptibility.ANY, transferNumber, runtime, createdAt, updatedAt, false, OutboundSettings.DEFAULT);
    }
}
