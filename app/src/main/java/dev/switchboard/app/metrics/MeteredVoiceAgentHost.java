package dev.switchboard.app.metrics;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.studio.HostedAssistant;
import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedCall;
import dev.switchboard.domain.studio.HostedNumber;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.TwilioAccount;
import dev.switchboard.domain.studio.VapiAccount;
import dev.switchboard.domain.studio.VoiceAgentHost;
import java.util.List;
import java.util.Optional;

/**
 * Vapi's REST API, timed per operation ({@link RestMeters}). Wrapped where the use cases are
 * built (VapiFactory), not by replacing the bean: the Vapi client closes its HTTP client on
 * shutdown, which a replaced bean would lose.
 */
public final class MeteredVoiceAgentHost implements VoiceAgentHost {
    private static final String VAPI = "vapi";
    private final VoiceAgentHost vapi;
    private final RestMeters meters;

    public MeteredVoiceAgentHost(VoiceAgentHost vapi, RestMeters meters) {
        this.vapi = vapi;
        this.meters = meters;
    }

    @Override
    public HostedAssistant createAssistant(VapiAccount account, HostedAssistantSpec spec) {
        return meters.time(VAPI, "createAssistant", () -> vapi.createAssistant(account, spec));
    }

    @Override
    public HostedAssistant updateAssistant(VapiAccount account, String id, HostedAssistantSpec spec) {
        return meters.time(VAPI, "updateAssistant", () -> vapi.updateAssistant(account, id, spec));
    }

    @Override
    public Optional<HostedAssistant> findAssistant(VapiAccount account, String id) {
        return meters.time(VAPI, "findAssistant", () -> vapi.findAssistant(account, id));
    }

    @Override
    public List<HostedAssistant> listAssistants(VapiAccount account) {
        return meters.time(VAPI, "listAssistants", () -> vapi.listAssistants(account));
    }

    @Override
    public boolean deleteAssistant(VapiAccount account, String id) {
        return meters.time(VAPI, "deleteAssistant", () -> vapi.deleteAssistant(account, id));
    }

    @Override
    public List<HostedNumber> listNumbers(VapiAccount account) {
        return meters.time(VAPI, "listNumbers", () -> vapi.listNumbers(account));
    }

    @Override
    public HostedNumber importTwilioNumber(VapiAccount account, TwilioAccount twilio, E164Number number, String label,
                                           String assistantId, HostedServer server) {
        return meters.time(VAPI, "importTwilioNumber", () -> vapi.importTwilioNumber(account, twilio, number, label, assistantId, server));
    }

    @Override
    public String placeCall(VapiAccount account, HostedCall call) {
        return meters.time(VAPI, "placeCall", () -> vapi.placeCall(account, call));
    }

    @Override
    public HostedNumber assignNumber(VapiAccount account, String numberId, String assistantId) {
        return meters.time(VAPI, "assignNumber", () -> vapi.assignNumber(account, numberId, assistantId));
    }
}
