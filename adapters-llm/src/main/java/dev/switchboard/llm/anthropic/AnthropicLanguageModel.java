package dev.switchboard.llm.anthropic;

import dev.switchboard.domain.shared.TenantId;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.ProviderModel;
import dev.switchboard.llm.config.AnthropicProperties;
import dev.switchboard.llm.streaming.ReplyStreams;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Claude for assistants whose model provider is {@code "anthropic"}: streamed Messages API calls
 * through the official SDK, with the tenant's key (else the platform's) sent as {@code x-api-key}
 * per request. The SDK's own retries are off: {@link ReplyStreams} retries, and only before the
 * first token. Thread-safe.
 */
@Singleton
public final class AnthropicLanguageModel implements ProviderModel, AutoCloseable {
    static final String PROVIDER = "anthropic";

    private final AnthropicProperties properties;
    private final ApiKeys keys;
    private final ReplyStreams streams;
    private final AnthropicClient client;

    /**
     * @param providerKeyVariable the {@code ANTHROPIC_API_KEY} environment variable (as Micronaut
     *     reads it), the platform key when {@code switchboard.llm.anthropic.api-key} is unset
     */
    @Inject
    public AnthropicLanguageModel(AnthropicProperties properties, ApiKeys keys, ReplyStreams streams,
                 @Value("${anthropic.api-key:}") String providerKeyVariable) {
        this(properties.withKeyUnlessSet(providerKeyVariable), keys, streams);
    }

    public AnthropicLanguageModel(AnthropicProperties properties, ApiKeys keys, ReplyStreams streams) {
        this.properties = properties;
        this.keys = keys;
        this.streams = streams;
        var limits = streams.properties();
        // No key on the client: each request carries its tenant's key as a header.
        this.client = AnthropicOkHttpClient.builder()
                .baseUrl(properties.baseUrl())
                .maxRetries(0)
                .timeout(Timeout.builder().connect(limits.connectTimeout()).read(limits.firstTokenTimeout())
                        .write(limits.totalTimeout()).request(limits.totalTimeout()).build())
                .build();
    }

    @Override
    public boolean hasCredentials(TenantId tenant) {
        return keys.available(tenant, Provider.ANTHROPIC, properties.apiKey());
    }

    @Override
    public boolean paidByPlatform(TenantId tenant) {
        return keys.paidByPlatform(tenant, Provider.ANTHROPIC, properties.apiKey());
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
        var apiKey = keys.resolve(request.tenantId(), Provider.ANTHROPIC, properties.apiKey());
        var params = AnthropicRequests.toParams(keys.bounded(request, apiKey, properties.apiKey()), apiKey);
        return streams.reply(PROVIDER, () -> new AnthropicCall(client, params, apiKey), listener, cancellation);
    }

    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
