package dev.switchboard.app.wiring;

import dev.switchboard.app.metrics.MeteredVoiceAgentHost;
import dev.switchboard.app.metrics.RestMeters;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.diagnosis.DiagnoseCall;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.SyncAssistantToVapi;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VapiSpecs;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.studio.VoiceAgentHost;
import dev.switchboard.domain.tool.Toolbox;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.vapi.in.IngestVapiMessage;
import dev.switchboard.domain.modelcall.DeliveryLedger;
import dev.switchboard.vapi.in.VapiWebhookSecrets;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The Vapi runtime's use cases: Studio sync, drift check and server-message ingest. Vapi posts
 * back to {@code switchboard.public-url}, so that is what synced assistants point at.
 */
@Factory
final class VapiFactory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VapiFactory.class);

    @Singleton
    VapiCredentials vapiCredentials(ConnectionRepository connections, SecretVault vault) {
        return new VapiCredentials(connections, vault);
    }

    /** Without a toolbox bean (none wired yet), assistants sync with Vapi's own end/transfer tools only. */
    @Singleton
    VapiSpecs vapiSpecs(@Nullable Toolbox toolbox, @Value("${switchboard.public-url}") String publicUrl) {
        return new VapiSpecs(toolbox != null ? toolbox : new Toolbox(List.of()), publicUrl);
    }

    @Singleton
    SyncAssistantToVapi syncAssistantToVapi(AssistantRepository assistants, PhoneNumberRepository numbers,
                                            VapiSyncStateRepository states, VapiCredentials credentials, VapiSpecs specs,
                                            VoiceAgentHost host, RestMeters meters, Clock clock) {
        return new SyncAssistantToVapi(assistants, numbers, states, credentials, specs, new MeteredVoiceAgentHost(host, meters), clock);
    }

    @Singleton
    CheckVapiSync checkVapiSync(AssistantRepository assistants, VapiSyncStateRepository states, VapiCredentials credentials,
                                VapiSpecs specs, VoiceAgentHost host, RestMeters meters, Clock clock) {
        return new CheckVapiSync(assistants, states, credentials, specs, new MeteredVoiceAgentHost(host, meters), clock);
    }

    @Singleton
    VapiWebhookSecrets vapiWebhookSecrets(VapiCredentials credentials) {
        return new VapiWebhookSecrets(credentials);
    }

    /**
     * All tools of one {@code tool-calls} message get {@code switchboard.vapi.tool-budget} together
     * (default 15 s): Vapi waits 20 s for the webhook's answer (PROTOCOLS.md §8.1), and the rest is
     * left for the database and the network.
     */
    @Singleton
    IngestVapiMessage ingestVapiMessage(CallRepository calls, AssistantRepository assistants, PhoneNumberRepository numbers,
                                        VapiSyncStateRepository states, VapiCredentials credentials, VapiSpecs specs,
                                        DeliveryLedger ledger, @Nullable Toolbox toolbox,
                                        @Named(CallThreadsFactory.CALL_TOOLS) ExecutorService tools,
                                        @Value("${switchboard.vapi.tool-budget:15s}") Duration toolBudget, DialQueue dials, Clock clock,
                                        DiagnoseCall diagnose, @Named(CallThreadsFactory.CALL_DIAGNOSIS) ExecutorService diagnoses) {
        // An ended Vapi call is diagnosed (its verdict kept for the call list), as RecordCallStatus does for Twilio's calls.
        return new IngestVapiMessage(calls, assistants, numbers, states, credentials, specs, ledger,
                toolbox != null ? toolbox : new Toolbox(List.of()), tools, toolBudget, dials, clock, call -> diagnoseLater(diagnose, diagnoses, call));
    }

    /**
     * The diagnosis of a Vapi call asks Vapi's API whether the assistant drifted, which may take up
     * to {@code switchboard.vapi.timeout}: it runs on the bounded {@code call-diagnosis} pool, so the
     * webhook answers Vapi without waiting on Vapi. When that pool is full, the verdict comes from the
     * stored sync state (database only) for now; reading the diagnosis asks Vapi again.
     */
    static void diagnoseLater(DiagnoseCall diagnose, ExecutorService diagnoses, dev.switchboard.domain.call.Call call) {
        try {
            diagnoses.execute(() -> {
                try {
                    diagnose.diagnose(call);
                } catch (RuntimeException e) {
                    // Nothing to tell: reading the call's diagnosis makes it again.
                    LOG.debug("could not diagnose Vapi call {}: {}", call.id(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException full) {
            diagnose.diagnoseFromStore(call);
        }
    }
}
