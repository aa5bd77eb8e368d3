package dev.switchboard.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.InMemoryConnectionRepository;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.llm.config.AnthropicProperties;
import dev.switchboard.llm.config.FallbackProperties;
import dev.switchboard.llm.config.LlmProperties;
import dev.switchboard.llm.config.OpenAiProperties;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The beans and properties as the application context builds them. */
class LlmWiringTest {
    @Factory
    @Requires(property = "spec.name", value = "LlmWiringTest")
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
    void theRouterIsTheLanguageModelAndFindsEveryProvider() {
        try (var context = ApplicationContext.run(Map.of("spec.name", "LlmWiringTest"))) {
            assertThat(context.getBean(LanguageModel.class)).isInstanceOf(RoutingLanguageModel.class);
            assertThat(context.getBeansOfType(ProviderModel.class)).extracting(ProviderModel::provider)
                    .contains("anthropic", "openai");
        }
    }

    @Test
    void theProvidersOwnKeyVariableIsThePlatformKeyWhenNoneIsConfigured() {
        try (var fake = FakeAnthropicServer.start();
             // A cold SDK on a loaded machine can take longer than the default 10 s to a first token; this test is about the key.
             var context = ApplicationContext.run(Map.of("spec.name", "LlmWiringTest", "switchboard.llm.first-token-timeout", "60s",
                     "anthropic.api-key", "sk-from-env", "switchboard.llm.anthropic.base-url", fake.baseUrl()))) {
            fake.enqueue(AnthropicStream.message("m").text("Hi").reply());

            context.getBean(LanguageModel.class).reply(new ModelRequest(TenantId.random(),
                    new ModelSettings("anthropic", "m", 0, 50), "", List.of(new ChatTurn.CallerTurn("hi")), List.of()),
                    delta -> {}, new Cancellation());

            assertThat(fake.onlyRequest().header("x-api-key")).isEqualTo("sk-from-env");
        }
    }

    @Test
    void aConfiguredKeyIsNeverShownByToString() {
        assertThat(new AnthropicProperties("sk-secret-1", "u").toString()).doesNotContain("sk-secret-1");
        assertThat(new OpenAiProperties("sk-secret-2", "u").toString()).doesNotContain("sk-secret-2");
    }

    @Test
    void propertiesBindWithDefaults() {
        try (var context = ApplicationContext.run(Map.of("spec.name", "LlmWiringTest",
                "switchboard.llm.openai.base-url", "http://127.0.0.1:9/v1",
                "switchboard.llm.first-token-timeout", "3s", "switchboard.llm.fallback.provider", "openai",
                "switchboard.llm.fallback.model", "gpt-backup"))) {
            assertThat(context.getBean(AnthropicProperties.class)).isEqualTo(new AnthropicProperties(null, "https://api.anthropic.com"));
            assertThat(context.getBean(OpenAiProperties.class).baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
            assertThat(context.getBean(LlmProperties.class)).isEqualTo(new LlmProperties(Duration.ofSeconds(5),
                    Duration.ofSeconds(3), Duration.ofSeconds(60), 3, Duration.ofMillis(250), Duration.ofSeconds(4),
                    Duration.ofSeconds(10)));
            assertThat(context.getBean(FallbackProperties.class)).isEqualTo(new FallbackProperties("openai", "gpt-backup"));
        }
    }
}
