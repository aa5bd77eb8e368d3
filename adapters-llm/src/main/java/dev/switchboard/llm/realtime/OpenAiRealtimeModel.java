package dev.switchboard.llm.realtime;

import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.config.OpenAiProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import dev.switchboard.domain.modelcall.ForwardingTimes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * OpenAI's Realtime API, GA dialect (PROTOCOLS.md §10): one socket per call, paid with the
 * tenant's {@code openai} connection, else the platform's key ({@code OPENAI_API_KEY}).
 *
 * <p>The sockets are Netty's ({@link RealtimeSockets}: on the caller's own event loop, else a few shared ones),
 * behind the JDK's {@code WebSocket} interface. Why not Micronaut's client: it instantiates the
 * {@code @ClientWebSocket} class itself, so a call's state (its listener, its buffered audio) can
 * only be handed over after the handshake, by which time OpenAI's first event may already have
 * been dispatched. Why not the JDK's, which this used before: see {@link RealtimeSockets}.
 */
@Singleton
public final class OpenAiRealtimeModel implements RealtimeVoiceModel {
    private final RealtimeProperties properties;
    private final ApiKeys keys;
    private final JsonMapper json;
    private final String platformKey;
    private final RealtimeSockets sockets;
    /** Where a failed session hands its call off (Twilio's REST API): never a socket's event loop. Bounded; idle threads go. */
    private final ThreadPoolExecutor failures = FailureHandOff.pool();

    /** Without a forwarding timer (the adapter's own tests). */
    OpenAiRealtimeModel(RealtimeProperties properties, OpenAiProperties openAi, ApiKeys keys, JsonMapper json, String providerKeyVariable) {
        this(properties, openAi, keys, json, providerKeyVariable, ForwardingTimes.NONE);
    }

    /**
     * @param providerKeyVariable the {@code OPENAI_API_KEY} environment variable (as Micronaut reads
     *     it), the platform key when {@code switchboard.llm.openai.api-key} is unset
     * @param forwarding where the time each event from the model took to handle is told (the stream's forwarding timer)
     */
    @Inject
    public OpenAiRealtimeModel(RealtimeProperties properties, OpenAiProperties openAi, ApiKeys keys, JsonMapper json,
                               @Value("${openai.api-key:}") String providerKeyVariable, ForwardingTimes forwarding) {
        this.sockets = new RealtimeSockets(Runtime.getRuntime().availableProcessors(), forwarding);
        this.properties = properties;
        this.keys = keys;
        this.json = json;
        this.platformKey = openAi.withKeyUnlessSet(providerKeyVariable).apiKey();
    }

    @Override
    public boolean serves(String provider) {
        return Provider.OPENAI.wireName().equalsIgnoreCase(provider);
    }

    /** Whether a key is at hand for this tenant (its own connection or the platform's). */
    @Override
    public boolean hasKey(dev.switchboard.domain.shared.TenantId tenant) {
        return keys.available(tenant, Provider.OPENAI, platformKey);
    }

    /** The tenant has no {@code openai} key of its own and the platform's pays: the call counts against the tenant's daily quota. */
    @Override
    public boolean paidByPlatform(dev.switchboard.domain.shared.TenantId tenant) {
        return keys.paidByPlatform(tenant, Provider.OPENAI, platformKey);
    }

    @Override
    public VoiceSession open(VoiceSessionRequest request, VoiceModelListener listener) {
        var session = new OpenAiRealtimeSession(request, listener, json, properties, failures);
        String key;
        try {
            key = keys.resolve(request.tenant(), Provider.OPENAI, platformKey);
        } catch (dev.switchboard.domain.shared.PortFailure e) {
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
