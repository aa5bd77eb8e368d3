package dev.switchboard.domain.diagnosis;

import java.util.Locale;
import java.util.Optional;

/**
 * Every verdict a call can get, each with the stage it names, what it means and what to do. The
 * wire name ({@link #wireName()}) is what the API shows and filters on; it never changes once
 * published (stored verdicts keep it).
 */
public enum VerdictCode {
    DIAL_FAILED("dial", "Twilio refused to place the call we asked for.",
            "Read Twilio's error code on the call (outbound.error); check the From number belongs to the account and the To number can be called (trial accounts call verified numbers only)."),
    WEBHOOK_NEVER_RECEIVED("voice webhook", "The call was answered, but Twilio never asked our voice webhook what to do: the call's URL does not reach this server.",
            "Check SWITCHBOARD_PUBLIC_URL is the https address Twilio can reach (a restarted tunnel changes it), and that the number's 'A call comes in' webhook is <public URL>/webhooks/twilio/voice (HTTP POST)."),
    NUMBER_NOT_PROVEN("number", "The call reached a number that no Twilio account of this tenant was shown to hold, so the caller heard a goodbye.",
            "Import the number through POST /api/v1/phone-numbers/import with the Twilio account that owns it."),
    NO_ASSISTANT("assistant", "The number has no assistant, so the caller heard a goodbye.",
            "Assign an assistant to the number (PUT /api/v1/phone-numbers/{id} with assistantId)."),
    SOCKET_NEVER_CONNECTED("websocket", "We answered with TwiML, but Twilio never opened the WebSocket it names: the wss:// address does not reach this server.",
            "Check SWITCHBOARD_PUBLIC_URL is https (TwiML then says wss://), that the tunnel or proxy forwards WebSockets, and that it is the current tunnel address."),
    SOCKET_WITHOUT_SETUP("session setup", "Twilio opened the WebSocket but never sent its first message (setup or start), so no conversation started.",
            "Check the proxy or tunnel passes WebSocket messages both ways and does not cut idle sockets; look at Twilio's debugger for the call."),
    MODEL_KEY_MISSING("model key", "There is no API key for the assistant's model provider, for this tenant or the platform: the offline demo model answered instead.",
            "Add the provider's key as a connection (PUT /api/v1/connections/{provider}) or set the platform key (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY)."),
    MODEL_KEY_REFUSED("model key", "The model provider refused the API key (unknown, revoked or without access to the model).",
            "Check the key in the provider's console and that it may use the assistant's model; replace the tenant's connection or the platform key."),
    MODEL_FAILED("model", "The model failed during the call: errors, timeouts or an unreachable provider. The caller heard an apology.",
            "Look at the error events (category, message); check the provider's status page and base URL, or give the assistant a fallback model."),
    STREAM_MODEL_CLOSED("model", "The speech-to-speech model closed its session in the middle of the call.",
            "Look at the model.failed event; the provider may have hit a session limit or an internal error. Check its status page and the assistant's model name."),
    TOOL_FAILED("tools", "A tool the agent called failed or timed out; the model was told and the caller may not have got what they asked for.",
            "Look at the tool.result (or tool.called) event's details: the tool's error, its duration against the tool budget, and the configuration it needs."),
    CALLER_HUNG_UP_IN_SILENCE("conversation", "The caller hung up while waiting for the agent to answer, after a long silence.",
            "Look at model.requested and model.first_token latencies before the hang-up; use a faster model, shorter prompts, or a first-token timeout that apologises sooner."),
    NO_STATUS_CALLBACK("status callback", "The call's media ended but Twilio never sent a status callback saying the call ended: it stayed ringing or in progress.",
            "Set the number's Status Callback URL to <public URL>/webhooks/twilio/status (HTTP POST), or configure the number through POST /api/v1/phone-numbers/{id}/configure."),
    VAPI_SYNC_FAILED("vapi sync", "The assistant's last sync to Vapi failed: Vapi answers the call with an older or missing configuration.",
            "Read the error of GET /api/v1/studio/sync-vapi/status, fix it (Vapi key, phone number import) and sync again with POST /api/v1/studio/sync-vapi."),
    VAPI_SYNC_DRIFTED("vapi sync", "Someone changed or deleted the assistant in Vapi since we synced it: Vapi answers with a configuration we did not send.",
            "Sync again with POST /api/v1/studio/sync-vapi (and make changes in Switchboard, not in Vapi's dashboard)."),
    IN_PROGRESS("none", "Nothing is wrong so far; the call is not over.", "Nothing to do; read the diagnosis again when the call has ended."),
    HEALTHY("none", "Every stage of the call happened as it should.", "Nothing to do.");

    private final String stage;
    private final String meaning;
    private final String fix;

    VerdictCode(String stage, String meaning, String fix) {
        this.stage = stage;
        this.meaning = meaning;
        this.fix = fix;
    }

    /** The pipeline stage this verdict names, e.g. {@code websocket}; {@code none} when nothing failed. */
    public String stage() {
        return stage;
    }

    public String meaning() {
        return meaning;
    }

    public String fix() {
        return fix;
    }

    /** Whether the call needs someone's attention. */
    public boolean isProblem() {
        return this != HEALTHY && this != IN_PROGRESS;
    }

    /** e.g. {@code socket_never_connected} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VerdictCode> parse(String text) {
        if (text == null) return Optional.empty();
        var constant = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (var code : values()) if (code.name().equals(constant)) return Optional.of(code);
        return Optional.empty();
    }
}
