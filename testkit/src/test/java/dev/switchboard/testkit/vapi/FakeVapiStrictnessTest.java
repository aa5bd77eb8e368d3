package dev.switchboard.testkit.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake Vapi refuses what Vapi refuses (PROTOCOLS.md §9.1: strict validation, unknown
 * properties rejected) down into nested objects, with Vapi's 400 body naming the property's path;
 * and it accepts PROTOCOLS.md §9.2's own example, so strictness is not over-strictness.
 */
class FakeVapiStrictnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeVapi vapi;

    @BeforeAll
    static void start() {
        vapi = FakeVapi.start("key");
    }

    @AfterAll
    static void stop() {
        vapi.close();
    }

    @BeforeEach
    void clean() {
        vapi.reset();
    }

    /** PROTOCOLS.md §9.2's create example, with a function tool (its §9.2 definition) and a transfer. */
    static ObjectNode documented() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {
                  "name": "acme-dental-frontdesk",
                  "firstMessage": "Hi, Acme Dental, this is Sam. How can I help?",
                  "model": {
                    "provider": "anthropic", "model": "claude-sonnet-4-20250514", "temperature": 0.3, "maxTokens": 300,
                    "messages": [ { "role": "system", "content": "You are Sam." } ],
                    "tools": [
                      { "type": "endCall" },
                      { "type": "function", "async": false,
                        "function": { "name": "book_slot", "description": "Book a slot.", "strict": false,
                          "parameters": { "type": "object", "properties": { "date": { "type": "string" } }, "required": ["date"] } },
                        "server": { "url": "https://agent.example.com/vapi/tools", "credentialId": "cred_7f3a", "timeoutSeconds": 10 },
                        "messages": [ { "type": "request-start", "content": "Let me check the calendar." } ] },
                      { "type": "transferCall", "destinations": [ { "type": "number", "number": "+14155550100" } ] }
                    ]
                  },
                  "voice": { "provider": "11labs", "voiceId": "YOUR_ELEVENLABS_VOICE_ID", "speed": 1.0 },
                  "transcriber": { "provider": "deepgram", "model": "nova-3", "language": "en" },
                  "server": { "url": "https://agent.example.com/vapi/webhook", "credentialId": "cred_7f3a", "timeoutSeconds": 20 },
                  "serverMessages": ["status-update", "end-of-call-report", "tool-calls", "transfer-destination-request"],
                  "endCallPhrases": ["goodbye", "have a great day"],
                  "maxDurationSeconds": 900,
                  "metadata": { "tenantId": "acme", "syncVersion": 12 }
                }""");
    }

    @Test
    void the_documented_example_is_created() throws Exception {
        var answer = post("/assistant", documented());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("an unknown top-level field", b -> b.put("enabledTools", "x"), "property enabledTools should not exist"),
                mistake("an unknown field in model", b -> model(b).put("enabledTools", "x"), "model.property enabledTools should not exist"),
                mistake("a model without provider", b -> model(b).remove("provider"), "model.provider should not be empty"),
                mistake("an unknown model provider", b -> model(b).put("provider", "offline"), "model.provider must be one of the following values"),
                mistake("a temperature as a string", b -> model(b).put("temperature", "0.3"), "model.temperature must be a number"),
                mistake("a fractional maxTokens", b -> model(b).put("maxTokens", 12.5), "model.maxTokens must be an integer number"),
                mistake("maxTokens above Vapi's limit", b -> model(b).put("maxTokens", 32000), "model.maxTokens must not be greater than 10000"),
                mistake("a message with an unknown role", b -> ((ObjectNode) model(b).get("messages").get(0)).put("role", "bot"),
                        "model.messages.0.role must be one of the following values"),
                mistake("tools as an object", b -> model(b).putObject("tools"), "model.tools must be an array"),
                mistake("an unknown tool type", b -> tool(b, 0).put("type", "hangUp"), "model.tools.0.type must be one of the following values"),
                mistake("a function tool without function", b -> tool(b, 1).remove("function"), "model.tools.1.function should not be empty"),
                mistake("a function name that is not a string", b -> function(b).put("name", 42), "model.tools.1.function.name must be a string"),
                mistake("a function name with spaces", b -> function(b).put("name", "book slot"),
                        "model.tools.1.function.name must match /^[a-zA-Z0-9_-]{1,64}$/ regular expression"),
                mistake("an unknown field in function", b -> function(b).put("parameterz", "{}"), "model.tools.1.function.property parameterz should not exist"),
                mistake("parameters that are not an object schema", b -> ((ObjectNode) function(b).get("parameters")).put("type", "array"),
                        "model.tools.1.function.parameters.type must be one of the following values: object"),
                mistake("a parameter without type", b -> ((ObjectNode) function(b).get("parameters").get("properties").get("date")).remove("type"),
                        "model.tools.1.function.parameters.properties.date.type should not be empty"),
                mistake("async as a string", b -> tool(b, 1).put("async", "false"), "model.tools.1.async must be a boolean value"),
                mistake("an unknown field on a function tool", b -> tool(b, 1).put("url", "https://x"), "model.tools.1.property url should not exist"),
                mistake("a tool server without url", b -> ((ObjectNode) tool(b, 1).get("server")).remove("url"), "model.tools.1.server.url should not be empty"),
                mistake("a tool message of unknown type", b -> ((ObjectNode) tool(b, 1).get("messages").get(0)).put("type", "start"),
                        "model.tools.1.messages.0.type must be one of the following values"),
                mistake("destinations on endCall", b -> tool(b, 0).putArray("destinations"), "model.tools.0.property destinations should not exist"),
                mistake("destinations as an object", b -> tool(b, 2).putObject("destinations"), "model.tools.2.destinations must be an array"),
                mistake("a destination without number", b -> destination(b).remove("number"), "model.tools.2.destinations.0.number should not be empty"),
                mistake("a destination number not in E.164", b -> destination(b).put("number", "0612345678"),
                        "model.tools.2.destinations.0.number must be a valid phone number in the E.164 format"),
                mistake("a destination of unknown type", b -> destination(b).put("type", "phone"), "model.tools.2.destinations.0.type must be one of the following values"),
                mistake("an unknown field on a destination", b -> destination(b).put("phoneNumber", "+14155550100"),
                        "model.tools.2.destinations.0.property phoneNumber should not exist"),
                mistake("a voice without voiceId", b -> voice(b).remove("voiceId"), "voice.voiceId should not be empty"),
                mistake("a voice speed as a string", b -> voice(b).put("speed", "fast"), "voice.speed must be a number"),
                mistake("a voice speed out of ElevenLabs' range", b -> voice(b).put("speed", 2.0), "voice.speed must not be greater than 1.2"),
                mistake("a speed on a Cartesia voice", b -> voice(b).put("provider", "cartesia"), "voice.property speed should not exist"),
                mistake("an unknown voice provider", b -> voice(b).put("provider", "elevenlabs"), "voice.provider must be one of the following values"),
                mistake("an unknown field in voice", b -> voice(b).put("voice", "x"), "voice.property voice should not exist"),
                mistake("a BCP-47 tag Deepgram does not list", b -> transcriber(b).put("language", "fr-FR"),
                        "transcriber.language must be one of the following values"),
                mistake("an unknown field in transcriber", b -> transcriber(b).put("lang", "en"), "transcriber.property lang should not exist"),
                mistake("a transcriber as a string", b -> b.put("transcriber", "deepgram"), "transcriber must be an object"),
                mistake("a server timeout as a string", b -> ((ObjectNode) b.get("server")).put("timeoutSeconds", "20"),
                        "server.timeoutSeconds must be a number"),
                mistake("a server header that is not a string", b -> ((ObjectNode) b.get("server")).putObject("headers").put("X-Vapi-Secret", 1),
                        "server.headers.X-Vapi-Secret must be a string"),
                mistake("a server message Vapi does not know", b -> ((ArrayNode) b.get("serverMessages")).add("call.ended"),
                        "each value in serverMessages must be one of the following values"),
                mistake("a name over 40 characters", b -> b.put("name", "x".repeat(41)), "name must be shorter than or equal to 40 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refuses_on_create_and_on_update_with_vapis_400_naming_the_property(String what, Consumer<ObjectNode> mutation, String message)
            throws Exception {
        var body = documented();
        mutation.accept(body);

        for (var answer : new HttpResponse<?>[] {post("/assistant", body), patch(existing(), body)}) {
            assertThat(answer.statusCode()).as(what).isEqualTo(400);
            var error = JSON.readTree((String) answer.body());
            assertThat(error.path("statusCode").asInt()).isEqualTo(400);
            assertThat(error.path("error").asText()).isEqualTo("Bad Request");
            assertThat(error.path("message").isArray()).isTrue();
            assertThat(error.path("message").toString()).as(what).contains(message);
        }
        assertThat(vapi.assistants()).as("nothing created or changed").allSatisfy(a -> assertThat(a.path("name").asText()).isEqualTo("acme-dental-frontdesk"));
    }

    @Test
    void a_phone_number_server_is_validated_like_an_assistants() throws Exception {
        vapi.acceptTwilio("AC1", "token");
        var body = (ObjectNode) JSON.readTree("""
                { "provider": "twilio", "number": "+14155550111", "twilioAccountSid": "AC1", "twilioAuthToken": "token",
                  "server": { "url": "https://agent.example.com/vapi", "timeoutSeconds": "20" } }""");
        var answer = post("/phone-number", body);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("server.timeoutSeconds must be a number");
        ((ObjectNode) body.get("server")).put("timeoutSeconds", 20);
        assertThat(post("/phone-number", body).statusCode()).isEqualTo(201);
    }

    private static Arguments mistake(String what, Consumer<ObjectNode> mutation, String message) {
        return Arguments.of(what, mutation, message);
    }

    private static ObjectNode model(ObjectNode body) {
        return (ObjectNode) body.get("model");
    }

    private static ObjectNode tool(ObjectNode body, int index) {
        return (ObjectNode) model(body).get("tools").get(index);
    }

    private static ObjectNode function(ObjectNode body) {
        return (ObjectNode) tool(body, 1).get("function");
    }

    private static ObjectNode destination(ObjectNode body) {
        return (ObjectNode) tool(body, 2).get("destinations").get(0);
    }

    private static ObjectNode voice(ObjectNode body) {
        return (ObjectNode) body.get("voice");
    }

    private static ObjectNode transcriber(ObjectNode body) {
        return (ObjectNode) body.get("transcriber");
    }

    private static String existing() throws Exception {
        var created = post("/assistant", documented());
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static HttpResponse<String> post(String path, JsonNode body) throws Exception {
        return send("POST", path, body);
    }

    private static HttpResponse<String> patch(String id, JsonNode body) throws Exception {
        return send("PATCH", "/assistant/" + id, body);
    }

    private static HttpResponse<String> send(String method, String path, JsonNode body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(vapi.baseUrl() + path)).header("Authorization", "Bearer key")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
