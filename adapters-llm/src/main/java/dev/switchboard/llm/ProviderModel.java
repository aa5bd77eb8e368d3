package dev.switchboard.llm;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.conversation.LanguageModel;

/**
 * A language model serving one provider name of {@code ModelSettings.provider()}
 * ({@code "anthropic"}, {@code "openai"}, {@code "offline"}…). Every such bean is found by
 * {@link RoutingLanguageModel}, so adding a provider needs no change to the router.
 */
public interface ProviderModel extends LanguageModel {
    /** The provider name assistants use, lower case. */
    String provider();

    /** Whether a request for this tenant could be paid for (an API key exists); keyless models say yes. */
    default boolean hasCredentials(TenantId tenant) {
        return true;
    }

    /** Whether the platform's own key would pay for this tenant's request (see {@code ApiKeys.paidByPlatform}). */
    default boolean paidByPlatform(TenantId tenant) {
        return false;
    }
}
