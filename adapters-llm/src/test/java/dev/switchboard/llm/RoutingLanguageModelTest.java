package dev.switchboard.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.llm.config.FallbackProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingLanguageModelTest {
    private static final TenantId TENANT = TenantId.random();

    /** Answers with its own name, or fails as scripted after saying {@code before}. */
    private static class Scripted implements ProviderModel {
        final String name;
        final Category failure;
        final String before;
        final List<ModelRequest> asked = new ArrayList<>();

        Scripted(String name, Category failure, String before) {
            this.name = name;
            this.failure = failure;
            this.before = before;
        }

        @Override
        public String provider() {
            return name;
        }

        @Override
        public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
            asked.add(request);
            if (!before.isEmpty()) listener.onText(before);
            if (failure != null) throw new PortFailure(failure, name + " failed");
            listener.onText(name);
            return new ModelReply(name, List.of(), StopReason.END_TURN);
        }
    }

    private static ModelRequest ask(String provider) {
        return new ModelRequest(TENANT, new ModelSettings(provider, "m-1", 0.7, 200), "prompt",
                List.of(new ChatTurn.CallerTurn("hi")), List.of());
    }

    @Test
    void dispatchesByTheAssistantsProviderIgnoringCase() {
        var anthropic = new Scripted("anthropic", null, "");
        var openai = new Scripted("openai", null, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai), FallbackProperties.none());
        var heard = new ArrayList<String>();

        var reply = router.reply(ask(" OpenAI "), heard::add, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("openai", List.of(), StopReason.END_TURN));
        assertThat(heard).containsExactly("openai");
        assertThat(anthropic.asked).isEmpty();
    }

    @Test
    void theAssistantsOwnFallbackWinsOverThePlatforms() {
        var anthropic = new Scripted("anthropic", Category.UNAVAILABLE, "");
        var openai = new Scripted("openai", null, "");
        var offline = new Scripted("offline", null, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai, offline), new FallbackProperties("offline", "demo-brain"));
        var request = new ModelRequest(TENANT, new ModelSettings("anthropic", "m-1", 0.7, 200, "openai", "gpt-4o-mini"), "prompt",
                List.of(new ChatTurn.CallerTurn("hi")), List.of());

        var reply = router.reply(request, delta -> { }, new Cancellation());

        assertThat(reply.text()).isEqualTo("openai");
        assertThat(openai.asked).extracting(r -> r.settings()).containsExactly(new ModelSettings("openai", "gpt-4o-mini", 0.7, 200));
        assertThat(offline.asked).isEmpty();
    }

    @Test
    void withoutAnyKeyTheOfflineModelAnswersInsteadOfAnApologyEveryTurn() {
        var keyless = new Scripted("anthropic", null, "") {
            @Override
            public boolean hasCredentials(TenantId tenant) {
                return false;
            }
        };
        var offline = new Scripted("offline", null, "");
        var router = new RoutingLanguageModel(List.of(keyless, offline), FallbackProperties.none());

        var reply = router.reply(ask("anthropic"), delta -> { }, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("offline", List.of(), StopReason.END_TURN));
        assertThat(keyless.asked).isEmpty();
        assertThat(offline.asked).containsExactly(ask("anthropic"));
    }

    @Test
    void anUnknownProviderIsABadRequest() {
        var router = new RoutingLanguageModel(List.of(new Scripted("anthropic", null, "")), FallbackProperties.none());

        assertThatThrownBy(() -> router.reply(ask("gemini"), d -> {}, new Cancellation()))
                .isInstanceOfSatisfying(PortFailure.class, f -> assertThat(f.category()).isEqualTo(Category.BAD_REQUEST));
    }

    @Test
    void fallsBackWhenThePrimaryIsUnavailableBeforeSpeaking() {
        var anthropic = new Scripted("anthropic", Category.UNAVAILABLE, "");
        var openai = new Scripted("openai", null, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai), new FallbackProperties("openai", "gpt-backup"));

        var reply = router.reply(ask("anthropic"), d -> {}, new Cancellation());

        assertThat(reply.text()).isEqualTo("openai");
        var second = openai.asked.get(0);
        assertThat(second.settings()).isEqualTo(new ModelSettings("openai", "gpt-backup", 0.7, 200));
        assertThat(second.history()).isEqualTo(anthropic.asked.get(0).history());
    }

    @Test
    void neverFallsBackOnceTheCallerHeardSomething() {
        var anthropic = new Scripted("anthropic", Category.UNAVAILABLE, "Sure, ");
        var openai = new Scripted("openai", null, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai), new FallbackProperties("openai", "gpt-backup"));

        assertThatThrownBy(() -> router.reply(ask("anthropic"), d -> {}, new Cancellation())).isInstanceOf(PortFailure.class);
        assertThat(openai.asked).isEmpty();
    }

    @Test
    void aRefusedKeyIsNotPaperedOverByTheFallback() {
        var anthropic = new Scripted("anthropic", Category.REJECTED_CREDENTIALS, "");
        var openai = new Scripted("openai", null, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai), new FallbackProperties("openai", "gpt-backup"));

        assertThatThrownBy(() -> router.reply(ask("anthropic"), d -> {}, new Cancellation()))
                .isInstanceOfSatisfying(PortFailure.class, f -> assertThat(f.category()).isEqualTo(Category.REJECTED_CREDENTIALS));
        assertThat(openai.asked).isEmpty();
    }

    @Test
    void whenTheFallbackFailsTooItsFailureCarriesThePrimaryOne() {
        var anthropic = new Scripted("anthropic", Category.TIMEOUT, "");
        var openai = new Scripted("openai", Category.RATE_LIMITED, "");
        var router = new RoutingLanguageModel(List.of(anthropic, openai), new FallbackProperties("openai", "gpt-backup"));

        assertThatThrownBy(() -> router.reply(ask("anthropic"), d -> {}, new Cancellation()))
                .isInstanceOfSatisfying(PortFailure.class, f -> {
                    assertThat(f.category()).isEqualTo(Category.RATE_LIMITED);
                    assertThat(f.getSuppressed()).singleElement().isInstanceOfSatisfying(PortFailure.class,
                            primary -> assertThat(primary.category()).isEqualTo(Category.TIMEOUT));
                });
    }
}
