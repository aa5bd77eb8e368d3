package dev.switchboard.llm;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.llm.config.FallbackProperties;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LanguageModel} the rest of the platform injects: it hands each request to the
 * {@link ProviderModel} named by the assistant's {@code ModelSettings.provider()}. When the
 * platform configures a fallback ({@link FallbackProperties}) and the chosen provider is
 * unavailable, times out or rate-limits before a word reached the caller, the request is asked of
 * the fallback provider and model instead (same prompt, history, tools, temperature and cap).
 */
@Singleton
@Primary
public final class RoutingLanguageModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingLanguageModel.class);
    private static final Set<PortFailure.Category> FALL_BACK_ON =
            EnumSet.of(PortFailure.Category.UNAVAILABLE, PortFailure.Category.TIMEOUT, PortFailure.Category.RATE_LIMITED);

    private static final String OFFLINE = "offline";
    private final Map<String, ProviderModel> models;
    private final FallbackProperties fallback;

    public RoutingLanguageModel(List<ProviderModel> models, FallbackProperties fallback) {
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(m -> key(m.provider()), Function.identity()));
        this.fallback = fallback;
    }

    @Override
    public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
        var primary = model(request.settings().provider());
        var offline = models.get(OFFLINE);
        if (!primary.hasCredentials(request.tenantId()) && offline != null) {
            // A fresh install has no key: the offline model keeps the call alive instead of apologising every turn.
            LOG.warn("no {} API key for tenant {} nor the platform: answering with the offline model",
                    request.settings().provider(), request.tenantId());
            return offline.reply(request, listener, cancellation);
        }
        var spoke = new AtomicBoolean();
        ReplyListener watched = delta -> {
            spoke.set(true);
            listener.onText(delta);
        };
        try {
            return primary.reply(request, watched, cancellation);
        } catch (PortFailure failure) {
            var to = fallbackFor(request.settings());
            if (to == null || !FALL_BACK_ON.contains(failure.category()) || spoke.get() || cancellation.isCancelled()) throw failure;
            LOG.warn("{} failed ({}); falling back to {} {}", request.settings().provider(), failure.category(), to.provider(), to.model());
            var second = new ModelRequest(request.tenantId(), to, request.systemPrompt(), request.history(), request.tools());
            try {
                return model(to.provider()).reply(second, listener, cancellation);
            } catch (PortFailure fallbackFailure) {
                fallbackFailure.addSuppressed(failure);
                throw fallbackFailure;
            }
        }
    }

    /**
     * The assistant's own fallback, else the platform's; {@code null} when there is none or it is
     * the very model that just failed.
     */
    private ModelSettings fallbackFor(ModelSettings settings) {
        String provider;
        String name;
        if (settings.hasFallback()) {
            provider = settings.fallbackProvider();
            name = settings.fallbackModel();
        } else if (fallback.configured()) {
            provider = fallback.provider();
            name = fallback.model();
        } else {
            return null;
        }
        if (key(provider).equals(key(settings.provider())) && name.equals(settings.model())) return null;
        return new ModelSettings(provider, name, settings.temperature(), settings.maxTokens());
    }

    private ProviderModel model(String provider) {
        var model = models.get(key(provider));
        if (model == null) {
            throw new PortFailure(PortFailure.Category.BAD_REQUEST,
                    "unknown model provider '" + provider + "'; known: " + models.keySet().stream().sorted().toList());
        }
        return model;
    }

    private static String key(String provider) {
        return provider.strip().toLowerCase(Locale.ROOT);
    }
}
