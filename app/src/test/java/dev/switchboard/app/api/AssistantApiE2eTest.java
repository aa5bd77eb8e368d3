package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class AssistantApiE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;

    @BeforeEach
    void a_tenant() {
        owner = new Api(server, json).newTenant("Salon");
    }

    @Test
    void creates_reads_replaces_and_deletes_an_assistant() {
        var created = owner.post("/api/v1/assistants", Bodies.assistant("Reception"));
        assertThat(created.status()).isEqualTo(201);
        var id = (String) created.json().get("id");
        var view = new HashMap<>(created.json());
        view.remove("id");
        view.remove("createdAt");
        view.remove("updatedAt");
        assertThat(view).isEqualTo(Map.ofEntries(
                Map.entry("name", "Reception"), Map.entry("systemPrompt", "You answer the phone for a hair salon."),
                Map.entry("firstMessage", "Bonjour !"), Map.entry("language", "fr-FR"),
                Map.entry("voice", Map.of("provider", "elevenlabs", "voiceId", "voice-1", "speed", 1.1)),
                Map.entry("transcriber", Map.of("provider", "deepgram", "model", "nova-3", "language", "fr-FR")),
                Map.entry("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "temperature", 0.2, "maxTokens", 300)),
                Map.entry("tools", List.of("book_appointment", "transfer_to_human")),
                Map.entry("dtmfPolicy", Map.of("0", "transfer_to_human", "9", "end_call")),
                Map.entry("interruptible", "speech"), Map.entry("transferNumber", "+33142000000"), Map.entry("runtime", "relay"),
                Map.entry("recording", false), Map.entry("machineDetection", false),
                Map.entry("retry", Map.of("attempts", 1, "spacingMinutes", 10)),
                // No Anthropic key in this test, for the tenant or the platform: the view says what calls will get.
                Map.entry("warnings", List.of("no Anthropic key for this tenant or the platform: calls use the offline demo model"))));
        assertThat(owner.get("/api/v1/assistants/" + id).json()).isEqualTo(created.json());

        var changed = Bodies.assistant("Night line");
        changed.put("runtime", "vapi");
        changed.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5",
                "fallback", Map.of("provider", "openai", "model", "gpt-4o-mini")));
        var replaced = owner.put("/api/v1/assistants/" + id, changed);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).containsEntry("name", "Night line").containsEntry("runtime", "vapi")
                .containsEntry("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "temperature", 0.3,
                        "maxTokens", 400, "fallback", Map.of("provider", "openai", "model", "gpt-4o-mini")))
                .containsEntry("createdAt", created.json().get("createdAt"));
        assertThat(owner.get("/api/v1/assistants").list()).extracting(a -> a.get("name")).containsExactly("Night line");

        assertThat(owner.delete("/api/v1/assistants/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/assistants/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/assistants").list()).isEmpty();
    }

    @Test
    void bad_input_is_400_problem_json_naming_each_field_and_writes_nothing() {
        var malformed = owner.post("/api/v1/assistants", "{\"name\": \"Reception\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json()).containsEntry("type", "https://switchboard.dev/problems/invalid-request")
                .containsEntry("status", 400).containsEntry("errors", List.of(Map.of("field", "body", "message", "malformed JSON")));

        var missing = owner.post("/api/v1/assistants", Map.of("persona", "friendly"));
        assertThat(fields(missing)).containsExactlyInAnyOrder("name", "systemPrompt");

        var wrongTypes = Bodies.assistant("Reception");
        wrongTypes.put("model", Map.of("provider", "openai", "model", "gpt-4o", "temperature", "hot", "maxTokens", 1.5));
        wrongTypes.put("tools", "book_appointment");
        wrongTypes.put("voice", Map.of("provider", "google", "voiceId", "v", "speed", 9));
        wrongTypes.put("transferNumber", "01 42 00 00 00");
        wrongTypes.put("runtime", "carrier-pigeon");
        wrongTypes.put("interruptible", "sometimes");
        wrongTypes.put("dtmfPolicy", Map.of("0", "dance"));
        assertThat(fields(owner.post("/api/v1/assistants", wrongTypes))).containsExactlyInAnyOrder(
                "model.temperature", "model.maxTokens", "tools", "voice.speed", "transferNumber", "runtime", "dtmfPolicy.0", "interruptible");

        var blankLanguage = Bodies.assistant("Reception");
        blankLanguage.put("language", "français de France");
        blankLanguage.put("transcriber", Map.of("provider", "deepgram", "model", "nova-3", "language", "??"));
        blankLanguage.put("name", "Nul\u0000byte");
        blankLanguage.put("persona", "x".repeat(20_001));
        blankLanguage.put("dtmfPolicy", Map.of("5", "fly"));
        var refused = owner.post("/api/v1/assistants", blankLanguage);
        assertThat(fields(refused)).containsExactlyInAnyOrder("language", "transcriber.language", "name", "persona", "dtmfPolicy.5");
        assertThat(refused.raw()).doesNotContain("No enum constant", "dev.switchboard");

        var blank = Bodies.assistant("Reception");
        blank.put("language", "   ");
        blank.put("transcriber", Map.of("provider", "deepgram", "model", "nova-3", "language", " "));
        var defaulted = owner.post("/api/v1/assistants", blank);
        assertThat(defaulted.status()).isEqualTo(201);
        assertThat(defaulted.json()).containsEntry("language", "en-US");
        owner.delete("/api/v1/assistants/" + defaulted.json().get("id"));

        var offlineOnVapi = Bodies.assistant("Reception");
        offlineOnVapi.put("runtime", "vapi");
        offlineOnVapi.put("model", Map.of("provider", "offline", "model", "demo-brain"));
        assertThat(fields(owner.post("/api/v1/assistants", offlineOnVapi))).containsExactly("model.provider");

        var unknownTool = Bodies.assistant("Reception");
        unknownTool.put("tools", List.of("launch_rockets"));
        assertThat(fields(owner.post("/api/v1/assistants", unknownTool))).containsExactly("tools");

        assertThat(owner.get("/api/v1/assistants").list()).isEmpty();
    }

    @Test
    void a_stream_assistant_talks_with_a_realtime_or_live_model_in_one_of_its_voices() {
        var realtime = Bodies.assistant("Stream line");
        realtime.put("runtime", "stream");
        realtime.put("model", Map.of("provider", "openai", "model", "gpt-realtime"));
        realtime.remove("voice");
        var created = owner.post("/api/v1/assistants", realtime);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json()).containsEntry("runtime", "stream")
                .containsEntry("voice", Map.of("provider", "openai", "voiceId", "marin", "speed", 1.0));

        var live = Bodies.assistant("Live line");
        live.put("runtime", "stream");
        live.put("model", Map.of("provider", "google", "model", "gemini-live-2.5-flash-preview"));
        live.put("voice", Map.of("provider", "google", "voiceId", "Kore"));
        assertThat(owner.post("/api/v1/assistants", live).status()).isEqualTo(201);

        var chatModel = Bodies.assistant("x");
        chatModel.put("runtime", "stream");
        chatModel.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5"));
        assertThat(fields(owner.post("/api/v1/assistants", chatModel))).containsExactly("model.provider");

        var unknownModel = Bodies.assistant("x");
        unknownModel.put("runtime", "stream");
        unknownModel.put("model", Map.of("provider", "openai", "model", "gpt-4o-mini"));
        assertThat(fields(owner.post("/api/v1/assistants", unknownModel))).containsExactly("model.model");

        var otherProvidersVoice = Bodies.assistant("x");
        otherProvidersVoice.put("runtime", "stream");
        otherProvidersVoice.put("model", Map.of("provider", "openai", "model", "gpt-realtime"));
        otherProvidersVoice.put("voice", Map.of("provider", "openai", "voiceId", "Puck"));
        assertThat(fields(owner.post("/api/v1/assistants", otherProvidersVoice))).containsExactly("voice.voiceId");
    }

    @Test
    void only_a_stream_assistant_records_its_calls() {
        var stream = Bodies.assistant("Recorded line");
        stream.put("runtime", "stream");
        stream.put("model", Map.of("provider", "openai", "model", "gpt-realtime"));
        stream.remove("voice");
        stream.put("recording", true);
        var created = owner.post("/api/v1/assistants", stream);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json()).containsEntry("recording", true);
        assertThat(owner.get("/api/v1/assistants/" + created.json().get("id")).json()).containsEntry("recording", true);

        // Relay: Twilio does the speech, no audio passes through Switchboard; Vapi records on its side.
        for (var runtime : List.of("relay", "vapi")) {
            var other = Bodies.assistant("x");
            other.put("runtime", runtime);
            other.put("recording", true);
            var refused = owner.post("/api/v1/assistants", other);
            assertThat(fields(refused)).as(runtime).containsExactly("recording");
        }
        var notABoolean = Bodies.assistant("x");
        notABoolean.put("recording", "yes");
        assertThat(fields(owner.post("/api/v1/assistants", notABoolean))).containsExactly("recording");
    }

    @Test
    void members_of_the_public_get_401_and_ids_that_are_not_ids_get_404() {
        assertThat(new Api(server, json).post("/api/v1/assistants", Bodies.assistant("x")).status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/assistants/not-a-uuid").status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    static List<Object> fields(Api.Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        return ((List<Map<String, Object>>) answer.json().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
