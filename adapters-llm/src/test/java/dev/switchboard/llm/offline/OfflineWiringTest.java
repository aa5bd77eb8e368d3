package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.InMemoryConnectionRepository;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.llm.ProviderModel;
import dev.switchboard.llm.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code provider: offline} through the application context: no key, no network. */
class OfflineWiringTest {
    @Factory
    @Requires(property = "spec.name", value = "OfflineWiringTest")
    static class Ports {
        @Singleton
        ConnectionRepository connections() {
            return new InMemoryConnectionRepository();
        }

        @Singleton
        SecretVault vault() {
            return new TestVault();
        }
    }

    @Test
    void theRouterHandsOfflineAssistantsToTheDemoBrain() {
        try (var context = ApplicationContext.run(Map.of("spec.name", "OfflineWiringTest"))) {
            assertThat(context.getBeansOfType(ProviderModel.class)).extracting(ProviderModel::provider).contains("offline");

            var reply = context.getBean(LanguageModel.class).reply(new ModelRequest(EngineLoop.TENANT,
                    new ModelSettings("Offline", "demo", 0, 50), EngineLoop.prompt("fr-FR"), List.of(new ChatTurn.CallerTurn("Bonjour")),
                    List.of()), delta -> { }, new Cancellation());

            assertThat(reply).isEqualTo(new ModelReply("Bonjour ! Comment puis-je vous aider ?", List.of(), ModelReply.StopReason.END_TURN));
        }
    }
}
