package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Api;
import dev.switchboard.app.CallVerdicts;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import io.micronaut.json.JsonMapper;
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
 * {@code GET /api/v1/calls/{id}/diagnosis} on relay calls that really failed: each test breaks one
 * stage the way the field reports did (a socket Twilio cannot reach, a proxy that drops the setup,
 * a refused or missing key, a model that fails, a tool that fails, a caller left in silence, no
 * status callback, a number without an assistant) and runs a whole call through the virtual caller and the fake Claude; the
 * verdict names that stage, and the call list finds the call by its verdict and by Twilio's id.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallDiagnosisE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.ofEntries(Map.entry("switchboard.public-url", RelayFixture.PUBLIC_URL),
                Map.entry("switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN),
                Map.entry("switchboard.llm.anthropic.base-url", CLAUDE.baseUrl()),
                Map.entry("switchboard.llm.anthropic.api-key", "sk-ant-test"),
                // No OpenAI key anywhere: an openai assistant gets the offline model.
                Map.entry("switchboard.llm.max-attempts", "2"),
                Map.entry("switchboard.llm.initial-backoff", "10ms"),
                // A loaded machine once starved the fake past the default 10 s: the healthy call got an apology (model_failed).
                Map.entry("switchboard.llm.first-token-timeout", "30s"),
                Map.entry("switchboard.diagnosis.silence", "1s"),
                Map.entry("switchboard.diagnosis.status-callback-grace", "1s"));
    }

    @AfterAll
    void stop_the_fake() {
        CLAUDE.close();
    }

    @BeforeEach
    void clean_fake() {
        CLAUDE.reset();
    }

    private RelayFixture salon(String provider, List<String> tools) {
        return new RelayFixture(server, new Api(server, json), provider, "fr-FR", tools);
    }

    @SuppressWarnings("unchecked")
    private static String onlyCallId(RelayFixture salon) {
        return (String) ((List<Map<String, Object>>) salon.owner.get("/api/v1/calls").json().get("items")).get(0).get("id");
    }

    private static Map<String, Object> diagnosis(RelayFixture salon) {
        var answer = salon.owner.get("/api/v1/calls/" + onlyCallId(salon) + "/diagnosis");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.json();
    }

    /** Waits for the verdict (the call's last records may still be on their way), then returns the diagnosis. */
    private static Map<String, Object> verdict(RelayFixture salon, String expected) {
        // untilAsserted: on a timeout the failure shows the whole last diagnosis, not only that it differed.
        await().atMost(WAIT).untilAsserted(() -> assertThat(diagnosis(salon)).containsEntry("verdict", expected));
        return diagnosis(salon);
    }

    private static List<String> evidenceTypes(Map<String, Object> diagnosis) {
        return CallVerdicts.evidenceTypes(diagnosis);
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(RelayFixture salon, String query) {
        return ((List<Map<String, Object>>) salon.owner.get("/api/v1/calls?" + query).json().get("items")).stream()
                .map(c -> (String) c.get("id")).toList();
    }

    @Test
    void a_call_that_went_well_is_healthy_and_found_by_its_verdict_and_its_twilio_id() {
        var salon = salon("anthropic", List.of("end_call"));
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message(salon.model).text("Nous ouvrons ", "à neuf heures.").reply());
        var result = salon.caller().call(CallScript.builder().say("Vous ouvrez à quelle heure ?").hangUp().build());

        var diagnosis = verdict(salon, "healthy");
        assertThat(diagnosis).containsEntry("problem", false).containsEntry("stage", "none").containsEntry("evidence", List.of())
                .containsEntry("callId", onlyCallId(salon));
        assertThat(listed(salon, "verdict=healthy")).containsExactly(onlyCallId(salon));
        assertThat(listed(salon, "verdict=socket_never_connected")).isEmpty();
        assertThat(listed(salon, "providerCallId=" + result.callSid())).containsExactly(onlyCallId(salon));
        assertThat(listed(salon, "providerCallId=CAnotours")).isEmpty();
        var bad = salon.owner.get("/api/v1/calls?verdict=fine");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("verdict");
    }

    @Test
    void a_number_whose_assistant_was_detached_says_goodbye_and_is_diagnosed_no_assistant() {
        var salon = salon("anthropic", List.of());
        var numberId = salon.owner.get("/api/v1/phone-numbers").list().get(0).get("id");
        assertThat(salon.owner.put("/api/v1/phone-numbers/" + numberId, "{\"assistantId\":null}").status()).isEqualTo(200);
        var result = salon.caller().call(CallScript.builder().build());
        assertThat(result.twiml().orElseThrow().says()).containsExactly("Sorry, no one can take your call on this line right now. Goodbye.");

        CallVerdicts.listedUnder(salon.owner, onlyCallId(salon), "no_assistant");
        var diagnosis = diagnosis(salon);
        assertThat(diagnosis).containsEntry("verdict", "no_assistant").containsEntry("stage", "assistant").containsEntry("problem", true)
                .containsEntry("detail", "the number has no assistant");
        assertThat(evidenceTypes(diagnosis)).containsExactly("call.unanswered");
    }

    @Test
    void twiml_returned_but_twilio_never_reached_the_socket() {
        var salon = salon("anthropic", List.of());
        salon.caller(VirtualCaller.Builder::socketsUnreachable).call(CallScript.builder().build());

        var diagnosis = verdict(salon, "socket_never_connected");
        assertThat(diagnosis).containsEntry("problem", true).containsEntry("stage", "websocket");
        assertThat((String) diagnosis.get("detail")).contains("wss://switchboard.test/webhooks/twilio/relay");
        assertThat((String) diagnosis.get("fix")).contains("SWITCHBOARD_PUBLIC_URL");
        assertThat(evidenceTypes(diagnosis)).containsExactly("twiml.returned");
        assertThat(listed(salon, "verdict=socket_never_connected")).containsExactly(onlyCallId(salon));
    }

    @Test
    void the_socket_opened_but_setup_never_came() {
        var salon = salon("anthropic", List.of());
        salon.caller(VirtualCaller.Builder::withoutSetup).call(CallScript.builder().build());

        var diagnosis = verdict(salon, "socket_without_setup");
        assertThat(diagnosis).containsEntry("stage", "session setup");
        assertThat(evidenceTypes(diagnosis)).containsExactly("twiml.returned", "socket.connected", "socket.closed");
    }

    @Test
    void claude_refuses_the_key() {
        var salon = salon("anthropic", List.of());
        CLAUDE.enqueueFor(salon.model, FakeAnthropicServer.error(401, "authentication_error", "invalid x-api-key"));
        salon.caller().call(CallScript.builder().say("Bonjour").hangUp().build());

        var diagnosis = verdict(salon, "model_key_refused");
        assertThat(diagnosis).containsEntry("stage", "model key");
        assertThat(evidenceTypes(diagnosis)).containsExactly("error");
    }

    @Test
    void no_key_for_the_provider_the_offline_model_stands_in_and_the_timeline_says_so() {
        var salon = salon("openai", List.of());
        salon.caller().call(CallScript.builder().say("Bonjour, vous êtes ouverts demain ?").hangUp().build());

        var diagnosis = verdict(salon, "model_key_missing");
        assertThat((String) diagnosis.get("detail")).isEqualTo("no OpenAI key for this tenant or the platform: calls use the offline demo model");
        assertThat(evidenceTypes(diagnosis)).containsExactly("model.requested");
        @SuppressWarnings("unchecked")
        var requested = ((List<Map<String, Object>>) salon.onlyCall().get("timeline")).stream()
                .filter(e -> "model.requested".equals(e.get("type"))).findFirst().orElseThrow();
        assertThat(requested.get("data")).isEqualTo(Map.of("round", 1, "provider", "offline", "model", "offline-demo", "turns", 2,
                "requestedProvider", "openai", "requestedModel", salon.model,
                "reason", "no OpenAI key for this tenant or the platform: calls use the offline demo model"));
        assertThat(salon.owner.get("/api/v1/assistants/" + salon.assistantId).json().get("warnings"))
                .isEqualTo(List.of("no OpenAI key for this tenant or the platform: calls use the offline demo model"));
    }

    @Test
    void claude_fails_every_attempt() {
        var salon = salon("anthropic", List.of());
        CLAUDE.enqueueFor(salon.model, FakeAnthropicServer.error(500, "api_error", "fault 500"),
                FakeAnthropicServer.error(500, "api_error", "fault 500"));
        salon.caller().call(CallScript.builder().say("Bonjour").hangUp().build());

        var diagnosis = verdict(salon, "model_failed");
        assertThat(diagnosis).containsEntry("stage", "model");
        assertThat((String) diagnosis.get("detail")).startsWith("1 model failure, first: UNAVAILABLE");
    }

    @Test
    void a_tool_fails() {
        var salon = salon("anthropic", List.of("end_call"));
        // The model asks for a tool this assistant does not have: the tool step fails and the model is told.
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message(salon.model).toolUse("toolu_1", "search_knowledge", "{\"query\":\"horaires\"}").reply(),
                AnthropicStream.message(salon.model).text("Je ne trouve pas, désolé.").reply());
        salon.caller().call(CallScript.builder().say("Quels sont vos horaires ?").hangUp().build());

        var diagnosis = verdict(salon, "tool_failed");
        assertThat(diagnosis).containsEntry("stage", "tools");
        assertThat((String) diagnosis.get("detail")).isEqualTo("search_knowledge: unknown tool");
        assertThat(evidenceTypes(diagnosis)).containsExactly("tool.result");
    }

    @Test
    void the_caller_hangs_up_while_the_model_is_silent() {
        var salon = salon("anthropic", List.of());
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message(salon.model).text("Trop tard.").reply().withFirstByteDelay(Duration.ofSeconds(8)));
        var live = salon.caller().dial();
        live.send("{\"type\":\"prompt\",\"voicePrompt\":\"Allô ? Il y a quelqu'un ?\",\"lang\":\"fr-FR\",\"last\":true}");
        // Longer than the diagnosis's 1 s silence, shorter than the model's first-token timeout: nothing is said meanwhile.
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        live.hangUp();

        var diagnosis = verdict(salon, "caller_hung_up_in_silence");
        assertThat(diagnosis).containsEntry("stage", "conversation");
        assertThat(evidenceTypes(diagnosis)).hasSize(2).first().isEqualTo("caller.said");
        assertThat(evidenceTypes(diagnosis).get(1)).isIn("conversation.ended", "socket.closed", "relay.ended");
    }

    @Test
    void no_status_callback_leaves_the_call_open_after_its_socket_closed() {
        var salon = salon("anthropic", List.of());
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message(salon.model).text("Bonjour !").reply());
        salon.caller(b -> b.statusDelivery(StatusDelivery.NONE)).call(CallScript.builder().say("Bonjour").hangUp().build());

        var diagnosis = verdict(salon, "no_status_callback");
        assertThat(diagnosis).containsEntry("stage", "status callback");
        assertThat((String) diagnosis.get("detail")).startsWith("still ringing");
        assertThat(evidenceTypes(diagnosis)).hasSize(1).first().isIn("socket.closed", "relay.ended");
        assertThat(listed(salon, "verdict=no_status_callback")).containsExactly(onlyCallId(salon));
    }
}
