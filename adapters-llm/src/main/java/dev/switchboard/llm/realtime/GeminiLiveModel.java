package dev.switchboard.llm.realtime;

import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.llm.ApiKeys;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.switchboard.domain.modelcall.ForwardingTimes;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Google's Gemini Live API (PROTOCOLS.md §12) for {@code google} stream assistants, on Netty's
 * sockets as for OpenAI Realtime ({@link RealtimeSockets}: on the caller's own event loop where it
 * can): one socket per call, paid with the tenant's {@code google} connection, else the platform's key
 * ({@code switchboard.gemini.api-key}, else {@code GEMINI_API_KEY}). Unlike Realtime, Gemini takes
 * and gives linear PCM (16 kHz in, 24 kHz out), so each session transcodes the phone's μ-law both
 * ways through audio-core.
 */
@Singleton
public final class GeminiLiveModel implements RealtimeVoiceModel {
    private final GeminiLiveProperties properties;
    private final ApiKeys keys;
    private final JsonMapper json;
    private final String platformKey;
    private final RealtimeSockets sockets;
    private final ThreadPoolExecutor failures = FailureHandOff.pool();

    /** Without a forwarding timer (the adapter's own tests). */
    GeminiLiveModel(GeminiLiveProperties properties, ApiKeys keys, JsonMapper json, String providerKeyVariable) {
        this(properties, keys, json, providerKeyVariable, ForwardingTimes.NONE);
    }

    /**
     * @param providerKeyVariable the {@code GEMINI_API_KEY} environment variable (as Micronaut reads
     *     it), the platform key when {@code switchboard.gemini.api-key} is unset
     * @param forwarding where the time each message from the model took to handle is told (the stream's forwarding timer)
     */
    @Inject
    public GeminiLiveModel(GeminiLiveProperties properties, ApiKeys keys, JsonMapper json,
                           @Value("${gemini.api-key:}") String providerKeyVariable, ForwardingTimes forwarding) {
        this.sockets = new RealtimeSockets(Runtime.getRuntime().availableProcessors(), forwarding);
        this.properties = properties;
        this.keys = keys;
        this.json = json;
        this.platformKey = properties.apiKey() != null && !properties.apiKey().isBlank() ? properties.apiKey() : providerKeyVariable;
    }

    @Override
    public boolean serves(String provider) {
        return Provider.GOOGLE.wireName().equalsIgnoreCase(provider);
    }

    /** Whether a key is at hand for this tenant (its own connection or the platform's); without one the offline speech model answers. */
    @Override
    public boolean hasKey(TenantId tenant) {
        return keys.available(tenant, Provider.GOOGLE, platformKey);
    }

    /** The tenant has no {@code google} key of its own and the platform's pays: the call counts against the tenant's daily quota. */
    @Override
    public boolean paidByPlatform(dev.switchboard.domain.shared.TenantId tenant) {
        return keys.paidByPlatform(tenant, Provider.GOOGLE, platformKey);
    }

    @Override
    public VoiceSession open(VoiceSessionRequest request, VoiceModelListener listener) {
        var session = new GeminiLiveSession(request, listener, json, properties, failures);
        String key;
        try {
            key = keys.resolve(request.tenant(), Provider.GOOGLE, platformKey);
        } catch (PortFailure e) {
            session.noKey(e.getMessage());
            return session;
        }
        session.connect(sockets, key);
        return session;
    }

    @PreDestroy
    void closeSockets() {
        failures.shutdown();
        sockets.close();
    }
}
