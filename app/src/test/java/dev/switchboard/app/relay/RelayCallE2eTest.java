package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.llm.ScriptedResponse;
import io.micronaut.json.JsonMapper;
import org.awaitility.Awaitility;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whole ConversationRelay calls: the virtual caller plays Twilio (signed webhooks, TwiML, signed
 * socket, status callbacks) against the running server, whose model is a scripted fake Anthropic
 * API speaking the real SSE format on loopback.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayCallE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-test",
                // Short enough for the timeout test, long enough that a loaded CI machine never trips it by accident.
                "switchboard.llm.first-token-timeout", "3s",
                "switchboard.llm.max-attempts", "2",
                "switchboard.llm.initial-backoff", "10ms");
    }

    @AfterAll
    void stop_the_fake() {
        CLAUDE.close();
    }

    @BeforeEach
    void a_salon() {
        CLAUDE.reset();
        salon = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR",
                List.of("transfer_to_human", "end_call", "check_availability"));
    }

    private static ScriptedResponse says(String... tokens) {
        return AnthropicStream.message("claude").text(tokens).reply();
    }

    @Test
    void the_twiml_hands_the_call_to_our_relay_socket_with_the_assistants_settings() {
        CLAUDE.enqueueFor(salon.model, says("Bien ", "sûr !"));
        var result = salon.caller().call(CallScript.builder().say("Bonjour").hangUp().build());

        var relay = result.twiml().flatMap(TwimlDocument::conversationRelay).orElseThrow();
        assertThat(relay.url()).startsWith("wss://switchboard.test/webhooks/twilio/relay?tenant=");
        assertThat(relay.welcomeGreeting()).contains("Bonjour, salon Lumière, je vous écoute.");
        assertThat(relay.language()).contains("fr-FR");
        assertThat(relay.dtmfDetection()).isTrue();
        assertThat(relay.interruptible()).contains("any");
        assertThat(relay.parameters()).containsKeys("tenant", "call");
        assertThat(result.twiml().flatMap(TwimlDocument::connectAction)).contains("https://switchboard.test/webhooks/twilio/relay-action");
        assertThat(result.agentLines()).containsExactly("Bien sûr !");
        assertThat(result.httpStatuses()).allMatch(status -> status >= 200 && status < 300);

        var detail = salon.onlyCall();
        assertThat(RelayFixture.call(detail)).containsEntry("status", "completed").containsEntry("runtime", "relay");
        assertThat(RelayFixture.eventTypes(detail)).containsSubsequence("webhook.received", "twiml.returned", "socket.connected",
                "relay.setup", "agent.greeted", "caller.said", "model.requested", "model.first_token", "agent.said",
                "status.changed", "summary.written");
        assertThat(RelayFixture.transcript(detail)).containsExactly("agent: Bonjour, salon Lumière, je vous écoute.",
                "caller: Bonjour", "agent: Bien sûr !");
        assertThat((String) RelayFixture.call(detail).get("summary")).startsWith("Outcome: completed").contains("\"Bonjour\"");
    }

    @Test
    void asking_for_a_human_ends_the_session_with_a_hand_off_and_a_dial() {
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message("claude").text("Je vous transfère.")
                .toolUse("toolu_1", "transfer_to_human", "{\"reason\":", " \"wants the ", "manager\"}").reply());
        var result = salon.caller().call(CallScript.builder().say("Je veux parler au responsable").awaitEnd().build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.AGENT_ENDED);
        assertThat(result.handoffData()).hasValueSatisfying(data -> assertThat(data).contains("\"action\":\"transfer\"",
                "\"transferNumber\":\"+33142000099\"", "wants the manager"));
        assertThat(result.actionTwiml().flatMap(TwimlDocument::dial).orElseThrow().numbers()).containsExactly("+33142000099");
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("tool.called", "tool.result", "handoff", "relay.ended", "transfer.dialed");
    }

    @Test
    void dtmf_0_transfers_1_repeats_and_9_ends() {
        CLAUDE.enqueueFor(salon.model, says("Nous sommes ouverts ", "du mardi au samedi."));
        var result = salon.caller().call(CallScript.builder().say("Vos horaires ?").press("1").press("0", false).awaitEnd().build());

        assertThat(result.agentLines()).startsWith("Nous sommes ouverts du mardi au samedi.", "Nous sommes ouverts du mardi au samedi.");
        assertThat(result.handoffData()).hasValueSatisfying(data -> assertThat(data).contains("caller pressed 0"));
        assertThat(result.actionTwiml().flatMap(TwimlDocument::dial)).isPresent();

        var ending = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of("end_call"));
        var hangup = ending.caller().call(CallScript.builder().press("9", false).awaitEnd().build());
        assertThat(hangup.handoffData()).hasValueSatisfying(data -> assertThat(data).contains("\"action\":\"hangup\""));
        assertThat(hangup.actionTwiml().orElseThrow().hangsUp()).isTrue();
    }

    @Test
    void an_interruption_truncates_the_stored_agent_message_and_stops_its_tokens() {
        // Slow tokens, so the barge-in lands while the reply is still streaming, as it does on a real call.
        CLAUDE.enqueueFor(salon.model, says("Nous avons ", "mardi à dix heures, ", "mercredi à quinze heures ", "et jeudi.")
                .withPieceDelay(Duration.ofMillis(300)), says("Très bien."));
        var result = salon.caller().call(CallScript.builder().say("Quelles disponibilités ?")
                .interrupt(2, 16, 900).say("Mardi alors").hangUp().build());

        assertThat(result.agentLines()).last().isEqualTo("Très bien.");
        assertThat(RelayFixture.transcript(salon.onlyCall())).containsExactly("agent: Bonjour, salon Lumière, je vous écoute.",
                "caller: Quelles disponibilités ?", "agent: Nous avons mardi (interrupted)", "caller: Mardi alors", "agent: Très bien.");
        assertThat(String.valueOf(CLAUDE.requests().get(CLAUDE.requests().size() - 1).body())).contains("Nous avons mardi")
                .doesNotContain("mercredi à quinze heures");
        // Nothing of the interrupted reply reaches the caller once the interrupt is sent.
        var frames = result.frames();
        var interrupt = frames.stream().filter(f -> f.text().contains("\"type\":\"interrupt\"")).findFirst().orElseThrow();
        assertThat(frames.subList(frames.indexOf(interrupt), frames.size()))
                .filteredOn(f -> f.direction() == dev.switchboard.testkit.caller.RelayFrame.Direction.FROM_SERVER)
                .extracting(dev.switchboard.testkit.caller.RelayFrame::text).noneMatch(t -> t.contains("mercredi") || t.contains("jeudi"));
    }

    @Test
    void the_agent_presses_keys_with_send_digits() {
        var caller = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of("send_digits"));
        CLAUDE.enqueueFor(caller.model, AnthropicStream.message("claude").toolUse("toolu_k", "send_digits", "{\"digits\":", " \"2w1\"}").reply(),
                says("J'attends ", "le service client."));
        var result = caller.caller().call(CallScript.builder().say("Pour le service client, tapez 2 puis 1.").hangUp().build());

        assertThat(result.receivedFrames()).anyMatch(f -> f.contains("\"type\":\"sendDigits\"") && f.contains("\"digits\":\"2w1\""));
        assertThat(result.agentLines()).containsExactly("J'attends le service client.");
        assertThat(RelayFixture.eventTypes(caller.onlyCall())).contains("digits.sent");
    }

    @Test
    void a_caller_speaking_another_language_switches_twilios_voice_and_ears() {
        CLAUDE.enqueueFor(salon.model, says("Bonjour !"), says("Of course, ", "I can help in English."));
        var result = salon.caller().call(CallScript.builder().say("Bonjour", "fr-FR").say("Do you speak English?", "en-US").hangUp().build());

        assertThat(result.receivedFrames()).contains("{\"type\":\"language\",\"ttsLanguage\":\"en-US\",\"transcriptionLanguage\":\"en-US\"}");
        assertThat(result.agentLines()).containsExactly("Bonjour !", "Of course, I can help in English.");
        assertThat(RelayFixture.eventTypes(salon.onlyCall()).stream().filter("language.switched"::equals)).hasSize(1);
    }

    @Test
    void a_caller_hanging_up_mid_reply_cancels_the_turn_and_keeps_the_transcript() {
        CLAUDE.enqueueFor(salon.model, says("Alors, ", "voyons ", "voir, ", "nous ", "avons ", "plusieurs ", "créneaux.")
                .withPieceDelay(Duration.ofMillis(300)));
        var live = salon.caller().dial();
        live.say(new CallScript.Say("Quels créneaux avez-vous ?", List.of(), java.util.Optional.empty()), 1);
        live.hangUp();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("socket.closed", "conversation.ended"));
        var detail = salon.onlyCall();
        assertThat(RelayFixture.transcript(detail)).startsWith("agent: Bonjour, salon Lumière, je vous écoute.",
                "caller: Quels créneaux avez-vous ?");
        assertThat(RelayFixture.eventTypes(detail)).doesNotContain("agent.said", "error");
        assertThat(RelayFixture.call(detail)).containsEntry("status", "completed");
    }

    @Test
    void a_model_failure_gives_a_fallback_line_and_the_call_goes_on() {
        CLAUDE.enqueueFor(salon.model, FakeAnthropicServer.error(500, "api_error", "overloaded"), FakeAnthropicServer.error(500, "api_error", "overloaded"),
                says("slow").withFirstByteDelay(Duration.ofSeconds(8)), says("Oui, ", "je vous entends."));
        var result = salon.caller().call(CallScript.builder().say("Allô ?").say("Vous êtes là ?").say("Allô allô").hangUp().build());

        assertThat(result.agentLines()).containsExactly(
                "Désolé, j'ai un petit souci technique. Pouvez-vous répéter, s'il vous plaît ?",
                "Désolé, j'ai un petit souci technique. Pouvez-vous répéter, s'il vous plaît ?",
                "Oui, je vous entends.");
        List<Object> errors = ((List<?>) salon.onlyCall().get("timeline")).stream().map(e -> (Map<?, ?>) e)
                .filter(e -> "error".equals(e.get("type"))).map(e -> (Object) ((Map<?, ?>) e.get("data")).get("category")).toList();
        assertThat(errors).containsExactly("UNAVAILABLE", "TIMEOUT");
    }

    @Test
    void garbage_on_the_socket_goes_on_the_timeline_only_and_the_call_goes_on() {
        CLAUDE.enqueueFor(salon.model, says("Je suis toujours là."));
        // The virtual caller fails the test on any message Twilio would reject (an "error" reply among them).
        var result = salon.caller().call(CallScript.builder().garbage("this is not json").garbage("{\"type\":42}")
                .garbage("{\"type\":\"teleport\"}").garbage("{\"type\":\"prompt\",\"voicePrompt\":7}")
                .garbage("[\"prompt\"]").say("Toujours là ?").hangUp().build());

        assertThat(result.agentLines()).containsExactly("Je suis toujours là.");
        assertThat(result.receivedFrames()).noneMatch(f -> f.contains("\"type\":\"error\""));
        var detail = salon.onlyCall();
        assertThat(RelayFixture.eventTypes(detail).stream().filter("error"::equals)).hasSize(5);
        assertThat(RelayFixture.call(detail)).containsEntry("status", "completed");
    }

    @Test
    void duplicated_and_shuffled_status_callbacks_leave_the_same_final_call() {
        CLAUDE.enqueueFor(salon.model, says("Bonjour !"));
        salon.caller(StatusDelivery.REVERSED_AND_DUPLICATED).call(CallScript.builder().say("Salut").hangUp().build());
        var shuffled = RelayFixture.call(salon.onlyCall());

        var ordered = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of());
        CLAUDE.enqueueFor(ordered.model, says("Bonjour !"));
        ordered.caller().call(CallScript.builder().say("Salut").hangUp().build());
        var inOrder = RelayFixture.call(ordered.onlyCall());

        assertThat(shuffled.get("status")).isEqualTo("completed").isEqualTo(inOrder.get("status"));
        assertThat(shuffled.get("durationSeconds")).isEqualTo(inOrder.get("durationSeconds"));
        assertThat(shuffled.get("summary")).isNotNull();
        assertThat(RelayFixture.eventTypes(salon.onlyCall()).stream().filter("summary.written"::equals)).hasSize(1);
    }
}
