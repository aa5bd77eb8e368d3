package dev.switchboard.llm.openai;

import dev.switchboard.domain.shared.TenantId;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.ProviderModel;
import dev.switchboard.llm.config.OpenAiProperties;
import dev.switchboard.llm.streaming.ReplyStreams;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * GPT models for assistants whose model provider is {@code "openai"}: streamed Chat Completions
 * through the official SDK, with the tenant's key (else the platform's) sent as
 * {@code Authorization: Bearer} per request. The SDK's own retries are off: {@link ReplyStreams}
 * retries, and only before the first token. Thread-safe.
 */
@Singleton
public final class OpenAiLanguageModel implements ProviderModel, AutoCloseable {
    static final String PROVIDER = "openai";
    /** The SDK insists on a key at build time; every request replaces it with the real one. */
    private static final String NO_KEY = "per-request";

    private final OpenAiProperties properties;
    private final ApiKeys keys;
    private final ReplyStreams streams;
    private final OpenAIClient client;

    /**
     * @param providerKeyVariable the {@code OPENAI_API_KEY} environment variable (as Micronaut
     *     reads it), the platform key when {@code switchboard.llm.openai.api-key} is unset
     */
    @Inject
    public OpenAiLanguageModel(OpenAiProperties properties, ApiKeys keys, ReplyStreams streams,
                 @Value("${openai.api-key:}") String providerKeyVariable) {
        this(properties.withKeyUnlessSet(providerKeyVariable), keys, streams);
    }

    public OpenAiLanguageModel(OpenAiProperties properties, ApiKeys keys, ReplyStreams streams) {
        this.properties = properties;
        this.keys = keys;
        this.streams = streams;
        var limits = streams.properties();
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(NO_KEY)
                .maxRetries(0)
                .timeout(Timeout.builder().connect(limits.connectTimeout()).read(limits.firstTokenTimeout())
                        .write(limits.totalTimeout()).request(limits.totalTimeout()).build())
                .build();
    }

    @Override
    public boolean hasCredentials(TenantId tenant) {
        return keys.available(tenant, Provider.OPENAI, properties.apiKey());
    }

    @Override
    public boolean paidByPlatform(TenantId tenant) {
        return keys.paidByPlatform(tenant, Provider.OPENAI, properties.apiKey());
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
        var apiKey = keys.resolve(request.tenantId(), Provider.OPENAI, properties.apiKey());
        var params = OpenAiRequests.toParams(keys.bounded(request, apiKey, properties.apiKey()), apiKey);
        return streams.reply(PROVIDER, () -> new OpenAiCall(client, params, apiKey), listener, cancellation);
    }

    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
