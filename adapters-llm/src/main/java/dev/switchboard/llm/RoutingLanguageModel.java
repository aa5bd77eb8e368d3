package dev.switchboard.llm;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.PlatformKeyQuota;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.llm.config.FallbackProperties;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
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
 *
 * <p>A request the platform's own key would pay for goes through the {@link PlatformKeyQuota}
 * first: over the tenant's daily quota, the offline model answers instead, and the reply carries
 * {@link PlatformKeyQuota#REACHED} as its note for the call's timeline. What a platform-paid reply
 * cost is counted after it. A tenant's own key is never counted.
 */
@Singleton
@Primary
public final class RoutingLanguageModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingLanguageModel.class);
    private static final Set<PortFailure.Category> FALL_BACK_ON =
            EnumSet.of(PortFailure.Category.UNAVAILABLE, PortFailure.Category.TIMEOUT, PortFailure.Category.RATE_LIMITED);

    private static final String OFFLINE = "offline";
    /** How the offline model names itself on the timeline. */
    private static final String OFFLINE_MODEL = "offline-demo";
    private final Map<String, ProviderModel> models;
    private final FallbackProperties fallback;
    private final PlatformKeyQuota quota;

    public RoutingLanguageModel(List<ProviderModel> models, FallbackProperties fallback) {
        this(models, fallback, null);
    }

    /** @param quota the platform key's daily limits; {@code null} when the platform sets none (tests, tools) */
    @Inject
    public RoutingLanguageModel(List<ProviderModel> models, FallbackProperties fallback, @Nullable PlatformKeyQuota quota) {
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(m -> key(m.provider()), Function.identity()));
        this.fallback = fallback;
        this.quota = quota;
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
            return counted(primary, offline, request, watched, cancellation);
        } catch (PortFailure failure) {
            var to = fallbackFor(request.settings());
            if (to == null || !FALL_BACK_ON.contains(failure.category()) || spoke.get() || cancellation.isCancelled()) throw failure;
            LOG.warn("{} failed ({}); falling back to {} {}", request.settings().provider(), failure.category(), to.provider(), to.model());
            var second = request.withSettings(to);
            try {
                return counted(model(to.provider()), offline, second, listener, cancellation);
            } catch (PortFailure fallbackFailure) {
                fallbackFailure.addSuppressed(failure);
                throw fallbackFailure;
            }
        }
    }

    /** The offline model stands in when the provider has no key, for this tenant or the platform (see {@link #reply}). */
    @Override
    public java.util.Optional<StandIn> standIn(dev.switchboard.domain.shared.TenantId tenant, ModelSettings settings) {
        var primary = models.get(key(settings.provider()));
        if (primary == null || models.get(OFFLINE) == null || primary.hasCredentials(tenant)) return java.util.Optional.empty();
        return java.util.Optional.of(new StandIn(OFFLINE, OFFLINE_MODEL, noKey(settings.provider())));
    }

    /** e.g. "no Anthropic key for this tenant or the platform: calls use the offline demo model" */
    static String noKey(String provider) {
        var name = switch (key(provider)) {
            case "anthropic" -> "Anthropic";
            case "openai" -> "OpenAI";
            case "google" -> "Google";
            default -> provider;
        };
        return "no " + name + " key for this tenant or the platform: calls use the offline demo model";
    }

    /** Asks {@code model}, within the platform key's quota when that key pays. */
    private ModelReply counted(ProviderModel model, ProviderModel offline, ModelRequest request, ReplyListener listener,
                               Cancellation cancellation) {
        if (quota == null || offline == null || !model.paidByPlatform(request.tenantId()))
            return model.reply(request, listener, cancellation);
        boolean allowed;
        try {
            allowed = quota.allows(request.tenantId(), request.callId());
        } catch (PortFailure storeDown) {
            // The count cannot be checked: the caller still gets an answer, but not on the platform's bill.
            LOG.warn("platform key quota of tenant {} could not be checked ({}): answering with the offline model",
                    request.tenantId(), storeDown.getMessage());
            return offline.reply(request, listener, cancellation).noted(PlatformKeyQuota.UNCHECKED);
        }
        if (!allowed) return offline.reply(request, listener, cancellation).noted(PlatformKeyQuota.REACHED);
        var reply = model.reply(request, listener, cancellation);
        try {
            quota.spent(request.tenantId(), reply);
        } catch (PortFailure storeDown) {
            LOG.warn("could not count {} platform-key output tokens of tenant {}: {}", reply.outputTokens(), request.tenantId(),
                    storeDown.getMessage());
        }
        return reply;
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
