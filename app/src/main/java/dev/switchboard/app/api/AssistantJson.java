package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.DtmfAction;
import dev.switchboard.domain.assistant.DtmfPolicy;
import dev.switchboard.domain.assistant.Interruptibility;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.assistant.OutboundSettings;
import dev.switchboard.domain.assistant.RetryPolicy;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.assistant.SpeechModels;
import dev.switchboard.domain.assistant.TranscriberSettings;
import dev.switchboard.domain.assistant.VoiceSettings;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The assistant as the API writes and reads it. Omitted optional settings take defaults that
 * work out of the box (Deepgram transcription in the assistant's language, Claude Sonnet).
 * {@code recording} defaults to {@code false} and is refused ({@code recording} field error) on
 * any runtime but {@code stream}: only there does the call's audio pass through Switchboard.
 */
final class AssistantJson {
    static final VoiceSettings DEFAULT_VOICE = new VoiceSettings("google", "en-US-Journey-O", 1.0);
    static final ModelSettings DEFAULT_MODEL = new ModelSettings("anthropic", "claude-sonnet-4-5", 0.3, 400);

    static final int NAME_LENGTH = 200;
    static final int PROMPT_LENGTH = 20_000;
    private static final java.util.regex.Pattern LANGUAGE_TAG = java.util.regex.Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /** Domain refusals that name their field: {@code model.model: …}, {@code voice.voiceId: …}. */
    private static final java.util.regex.Pattern FIELD_MESSAGE = java.util.regex.Pattern.compile("((model|voice)\\.[a-zA-Z]+|recording): ");

    private AssistantJson() {}

    /**
     * The body {@link #read} accepts, for the OpenAPI document ({@link JsonBody} reads the request
     * field by field to name every bad field, so this record is never deserialized). Its object-valued
     * fields carry no {@code @Schema} of their own: micronaut-openapi would then describe the field's
     * type a second time under its class name ({@code AssistantView.Voice} beside {@code AssistantVoice}),
     * so their defaults are said here and on their types.
     */
    @Schema(name = "AssistantRequest", description = "An assistant to create, or to replace whole. Unknown fields are refused. "
            + "Left out, voice is google en-US-Journey-O at speed 1.0, transcriber deepgram nova-3 in the assistant's language, "
            + "model anthropic claude-sonnet-4-5 at temperature 0.3 with 400 tokens, retry (outbound calls) one try.")
    record Request(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = NAME_LENGTH, example = "Salon receptionist") String name,
            @Schema(maxLength = PROMPT_LENGTH, example = "Warm, brief, never pushy.") String persona,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = PROMPT_LENGTH,
                    example = "You answer the phone for Salon Lumière. Book haircuts with book_appointment.") String systemPrompt,
            @Schema(maxLength = PROMPT_LENGTH, example = "Salon Lumière, hello! How can I help?") String firstMessage,
            @Schema(description = "BCP 47 tag; default en-US", example = "fr-FR") String language,
            AssistantView.Voice voice,
            AssistantView.Transcriber transcriber,
            ModelRequest model,
            @Schema(description = "tool names the agent may use", example = "[\"check_availability\", \"book_appointment\"]") List<String> tools,
            @Schema(description = "DTMF digit → transfer_to_human, repeat_last_message or end_call", example = "{\"0\": \"transfer_to_human\"}")
            Map<String, String> dtmfPolicy,
            @Schema(description = "E.164 number a transfer_to_human dials", example = "+33612345678") String transferNumber,
            @Schema(type = "string", allowableValues = {"relay", "stream", "vapi"}, description = "default relay") String runtime,
            @Schema(type = "string", allowableValues = {"none", "dtmf", "speech", "any"}) String interruptible,
            @Schema(description = "record calls (stream runtime only); default false") Boolean recording,
            @Schema(description = "outbound calls: detect answering machines") Boolean machineDetection,
            @Schema(maxLength = 2000, description = "outbound calls: left on an answering machine") String voicemailMessage,
            RetryRequest retry) {}

    @Schema(name = "AssistantModelRequest", description = "the language model; default anthropic claude-sonnet-4-5, temperature 0.3, 400 tokens")
    record ModelRequest(@Schema(requiredMode = RequiredMode.REQUIRED, example = "anthropic") String provider,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "claude-sonnet-4-5") String model,
                        @Schema(minimum = "0", maximum = "2", example = "0.3") Double temperature,
                        @Schema(minimum = "1", maximum = "32000", example = "400") Integer maxTokens,
                        AssistantView.Fallback fallback) {}

    @Schema(name = "RetryRequest", description = "outbound calls: tries after busy or no answer (an assistant's default for its calls, "
            + "or one call's own)")
    record RetryRequest(@Schema(requiredMode = RequiredMode.REQUIRED, description = "tries in all", example = "3") Integer attempts,
                        @Schema(description = "minutes between tries; default 10", example = "10") Integer spacingMinutes) {}

    static String languageTag(String text) {
        if (!LANGUAGE_TAG.matcher(text.strip()).matches())
            throw new IllegalArgumentException("must be a BCP 47 language tag such as fr-FR or en-US");
        return text.strip();
    }

    /** Reads a full assistant from a request; {@code previous} keeps id and creation time on update. */
    static Assistant read(JsonBody body, TenantId tenant, Assistant previous, Instant now) {
        var name = body.text("name", true, NAME_LENGTH);
        var persona = body.text("persona", false, PROMPT_LENGTH);
        var systemPrompt = body.text("systemPrompt", true, PROMPT_LENGTH);
        var firstMessage = body.text("firstMessage", false, PROMPT_LENGTH);
        var language = body.convert("language", body.text("language", false, 35), AssistantJson::languageTag);
        if (language == null) language = "en-US";
        var voice = voice(body);
        var transcriber = transcriber(body, language);
        var model = model(body);
        var tools = body.strings("tools", false);
        var dtmf = dtmf(body);
        var transfer = body.convert("transferNumber", body.text("transferNumber", false), E164Number::new);
        var runtime = body.convert("runtime", body.text("runtime", false), AssistantJson::runtime);
        var interruptible = body.convert("interruptible", body.text("interruptible", false, 16), text -> Interruptibility.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("must be one of none, dtmf, speech, any")));
        var recording = body.flag("recording", false);
        var outbound = outbound(body);
        if (runtime == Runtime.STREAM && body.object("voice", false) == null && model != null)
            voice = SpeechModels.of(model.provider()).map(SpeechModels::defaultVoice).orElse(voice);
        body.validate();
        try {
            return new Assistant(previous == null ? AssistantId.random() : previous.id(), tenant, name, persona, systemPrompt,
                    firstMessage, language, voice, transcriber, model, tools == null ? null : new HashSet<>(tools), dtmf,
                    interruptible, transfer, runtime == null ? Runtime.RELAY : runtime, previous == null ? now : previous.createdAt(), now,
                    Boolean.TRUE.equals(recording), outbound);
        } catch (IllegalArgumentException e) {
            var message = e.getMessage();
            if (message.startsWith("unknown tool")) body.reject("tools", message);
            else if (FIELD_MESSAGE.matcher(message).lookingAt()) body.reject(message.substring(0, message.indexOf(": ")), message.substring(message.indexOf(": ") + 2));
            else body.reject("body", message);
            body.validate();
            throw e;
        }
    }

    /** machineDetection, voicemailMessage and retry {attempts, spacingMinutes}: how the assistant places calls. */
    private static OutboundSettings outbound(JsonBody body) {
        var detection = body.bool("machineDetection", false);
        var voicemail = body.text("voicemailMessage", false, 2000);
        var retryBody = body.object("retry", false);
        RetryPolicy retry = RetryPolicy.ONCE;
        if (retryBody != null) {
            var attempts = retryBody.integer("attempts", true);
            var spacing = retryBody.integer("spacingMinutes", false);
            if (attempts != null) retry = retryBody.convert("attempts", attempts, a -> new RetryPolicy(a, Duration.ofMinutes(spacing == null ? 10 : spacing)));
            if (retry == null) retry = RetryPolicy.ONCE;
        }
        return new OutboundSettings(Boolean.TRUE.equals(detection), voicemail, retry);
    }

    private static VoiceSettings voice(JsonBody body) {
        var voice = body.object("voice", false);
        if (voice == null) return DEFAULT_VOICE;
        var provider = voice.text("provider", true);
        var voiceId = voice.text("voiceId", true);
        var speed = voice.number("speed", false);
        if (provider == null || voiceId == null) return null;
        return voice.convert("speed", speed == null ? 1.0 : speed, s -> new VoiceSettings(provider, voiceId, s));
    }

    private static TranscriberSettings transcriber(JsonBody body, String language) {
        var transcriber = body.object("transcriber", false);
        if (transcriber == null) return new TranscriberSettings("deepgram", "nova-3", language);
        var provider = transcriber.text("provider", true);
        var model = transcriber.text("model", true);
        var spoken = transcriber.convert("language", transcriber.text("language", false, 35), AssistantJson::languageTag);
        if (provider == null || model == null) return null;
        return new TranscriberSettings(provider, model, spoken == null ? language : spoken);
    }

    private static ModelSettings model(JsonBody body) {
        var model = body.object("model", false);
        if (model == null) return DEFAULT_MODEL;
        var provider = model.text("provider", true);
        var name = model.text("model", true);
        var temperature = model.number("temperature", false);
        var maxTokens = model.integer("maxTokens", false);
        if (provider == null || name == null) return null;
        double t = temperature == null ? DEFAULT_MODEL.temperature() : temperature;
        int m = maxTokens == null ? DEFAULT_MODEL.maxTokens() : maxTokens;
        if (!(t >= 0 && t <= 2)) model.reject("temperature", "must be within 0..2");
        if (m < 1 || m > 32_000) model.reject("maxTokens", "must be within 1..32000");
        var fallback = model.object("fallback", false);
        String fallbackProvider = null;
        String fallbackModel = null;
        if (fallback != null) {
            fallbackProvider = fallback.text("provider", true, 64);
            fallbackModel = fallback.text("model", true, 200);
        }
        if (!(t >= 0 && t <= 2) || m < 1 || m > 32_000) return null;
        return new ModelSettings(provider, name, t, m, fallbackProvider, fallbackModel);
    }

    private static DtmfPolicy dtmf(JsonBody body) {
        var raw = body.stringMap("dtmfPolicy", false);
        if (raw == null) return DtmfPolicy.standard();
        var actions = new HashMap<Character, DtmfAction>();
        for (var entry : raw.entrySet()) {
            if (entry.getKey().length() != 1) {
                body.reject("dtmfPolicy." + entry.getKey(), "keys are single DTMF digits (0-9, *, #, A-D)");
                continue;
            }
            var action = body.convert("dtmfPolicy." + entry.getKey(), entry.getValue(), AssistantJson::dtmfAction);
            if (action != null) actions.put(entry.getKey().charAt(0), action);
        }
        return body.convert("dtmfPolicy", actions, DtmfPolicy::new);
    }

    private static DtmfAction dtmfAction(String text) {
        try {
            return DtmfAction.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be one of transfer_to_human, repeat_last_message, end_call");
        }
    }

    private static Runtime runtime(String text) {
        try {
            return Runtime.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be one of relay, stream, vapi");
        }
    }

    static AssistantView view(Assistant a) {
        return view(a, List.of());
    }

    static AssistantView view(Assistant a, List<String> warnings) {
        var dtmf = new TreeMap<String, String>();
        a.dtmfPolicy().actions().forEach((digit, action) -> dtmf.put(String.valueOf(digit), action.name().toLowerCase(Locale.ROOT)));
        return new AssistantView(a.id().toString(), a.name(), a.persona(), a.systemPrompt(), a.firstMessage(), a.language(),
                new AssistantView.Voice(a.voice().provider(), a.voice().voiceId(), a.voice().speed()),
                new AssistantView.Transcriber(a.transcriber().provider(), a.transcriber().model(), a.transcriber().language()),
                new AssistantView.Model(a.model().provider(), a.model().model(), a.model().temperature(), a.model().maxTokens(),
                        a.model().hasFallback() ? new AssistantView.Fallback(a.model().fallbackProvider(), a.model().fallbackModel()) : null),
                a.enabledTools().stream().sorted().toList(), Map.copyOf(dtmf),
                a.interruptible().wireName(), a.transferNumber() == null ? null : a.transferNumber().value(),
                a.runtime().name().toLowerCase(Locale.ROOT), a.recording(), a.createdAt(), a.updatedAt(), a.outbound().machineDetection(),
                a.outbound().voicemailMessage(), new AssistantView.Retry(a.outbound().retry().attempts(), a.outbound().retry().spacing().toMinutes()),
                List.copyOf(warnings));
    }
}
