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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;

/**
 * OpenAI's Realtime API, GA dialect (PROTOCOLS.md §10), over the JDK's WebSocket client: one
 * socket per call, paid with the tenant's {@code openai} connection, else the platform's key
 * ({@code OPENAI_API_KEY}).
 *
 * <p>Why the JDK client and not Micronaut's: Micronaut's WebSocket client instantiates the
 * {@code @ClientWebSocket} class itself, so a call's state (its listener, its buffered audio) can
 * only be handed over after the handshake, by which time OpenAI's first event may already have
 * been dispatched; the JDK client takes the listener with the request and gives us explicit
 * back-pressure ({@code request(n)}) and one-send-at-a-time semantics that we chain per session.
 */
@Singleton
public final class OpenAiRealtimeModel implements RealtimeVoiceModel {
    private final RealtimeProperties properties;
    private final ApiKeys keys;
    private final JsonMapper json;
    private final String platformKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param providerKeyVariable the {@code OPENAI_API_KEY} environment variable (as Micronaut reads
     *     it), the platform key when {@code switchboard.llm.openai.api-key} is unset
     */
    @Inject
    public OpenAiRealtimeModel(RealtimeProperties properties, OpenAiProperties openAi, ApiKeys keys, JsonMapper json,
                               @Value("${openai.api-key:}") String providerKeyVariable) {
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
        var session = new OpenAiRealtimeSession(request, listener, json, properties);
        String key;
        try {
            key = keys.resolve(request.tenant(), Provider.OPENAI, platformKey);
        } catch (dev.switchboard.domain.shared.PortFailure e) {
            session.noKey(e.getMessage());
            return session;
        }
        session.connect(http, key);
        return session;
    }
}
