package dev.switchboard.vapi.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.HostedTool;
import dev.switchboard.domain.studio.VapiAccount;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.vapi.config.VapiProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The assistant body we send Vapi, pinned literally: one committed JSON per tool kind (written by
 * hand from PROTOCOLS.md §9.2, not produced by {@link VapiAssistantJson}), compared as JSON with
 * what reaches the fake Vapi over the wire. A change to the mapping shows up here as a diff of the
 * request body, and the fake's strict validation shows Vapi would accept it (201).
 */
class VapiAssistantGoldenJsonTest {
    private static final VapiAccount KEY = new VapiAccount("private-key");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HostedServer SERVER = new HostedServer("https://sb.example.com/webhooks/vapi/tenant-1", "whsec-1");
    private static final List<String> MESSAGES = List.of("status-update", "end-of-call-report", "tool-calls");
    private static final Map<String, String> METADATA = Map.of("switchboardTenantId", "tenant-1", "switchboardAssistantId", "assistant-1");
    private static FakeVapi vapi;
    private static ApplicationContext context;
    private static VapiRestHost host;

    @BeforeAll
    static void start() {
        vapi = FakeVapi.start(KEY.apiKey());
        context = ApplicationContext.run();
        host = new VapiRestHost(new VapiProperties(vapi.baseUrl(), Duration.ofSeconds(5)), context.getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        host.close();
        context.close();
        vapi.close();
    }

    @BeforeEach
    void clean() {
        vapi.reset();
    }

    static Stream<Arguments> kinds() {
        var bookAppointment = new HostedTool.Function("book_appointment", "Book an appointment for the caller.",
                Map.of("type", "object", "properties", Map.of("date", Map.of("type", "string", "description", "YYYY-MM-DD")),
                        "required", List.of("date")));
        return Stream.of(
                Arguments.of("function-tool.json", salon(bookAppointment)),
                Arguments.of("transfer-call-tool.json", salon(new HostedTool.TransferCall("+33612345678"))),
                Arguments.of("end-call-tool.json", new HostedAssistantSpec("Front desk", null, "openai", "gpt-4o", 0.5, 250,
                        "You answer the phone for a hair salon.", "cartesia", "voice-7", null, "deepgram", "nova-2-phonecall",
                        "en-US", List.of(new HostedTool.EndCall()), SERVER, MESSAGES, METADATA)));
    }

    private static HostedAssistantSpec salon(HostedTool tool) {
        return new HostedAssistantSpec("Front desk", "Bonjour, salon Lumière, je vous écoute.", "anthropic", "claude-sonnet-4-5",
                0.2, 300, "You answer the phone for a hair salon.", "11labs", "voice-42", 1.1, "deepgram", "nova-3", "fr",
                List.of(tool), SERVER, MESSAGES, METADATA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void the_body_sent_to_vapi_is_exactly_the_committed_json(String golden, HostedAssistantSpec spec) throws IOException {
        host.createAssistant(KEY, spec);

        var sent = vapi.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/assistant"))
                .findFirst().orElseThrow().body();
        assertThat(sent).as("POST /assistant body vs %s", golden).isEqualTo(expected(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_update_sends_the_same_whole_object(String golden, HostedAssistantSpec spec) throws IOException {
        var created = host.createAssistant(KEY, spec);
        vapi.reset();

        host.updateAssistant(KEY, created.id(), spec);

        var sent = vapi.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst().orElseThrow().body();
        assertThat(sent).as("PATCH /assistant/{id} body vs %s", golden).isEqualTo(expected(golden));
    }

    private static JsonNode expected(String golden) throws IOException {
        try (var in = VapiAssistantGoldenJsonTest.class.getResourceAsStream("/vapi-golden/" + golden)) {
            assertThat(in).as(golden).isNotNull();
            return JSON.readTree(in);
        }
    }
}
