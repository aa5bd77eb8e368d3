package dev.switchboard.vapi.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.SpecComparison;
import dev.switchboard.domain.studio.TwilioAccount;
import dev.switchboard.domain.studio.VapiAccount;
import dev.switchboard.domain.studio.VapiMapping;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.testkit.vapi.FakeVapi.Endpoint;
import dev.switchboard.testkit.vapi.FakeVapi.Failure;
import dev.switchboard.vapi.config.VapiProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link VapiRestHost} against the testkit's fake Vapi on loopback: wire format both ways, errors in the domain's words. */
class VapiRestHostTest {
    private static final VapiAccount KEY = new VapiAccount("private-key");
    private static FakeVapi vapi;
    private static ApplicationContext context;
    private static VapiRestHost host;
    /** Only for the timeout case: a patient host for everything else, so a cold or loaded JVM never times out by accident. */
    private static VapiRestHost impatient;

    @BeforeAll
    static void start() {
        vapi = FakeVapi.start(KEY.apiKey());
        vapi.acceptTwilio("AC1", "token");
        context = ApplicationContext.run();
        host = new VapiRestHost(new VapiProperties(vapi.baseUrl(), Duration.ofSeconds(10)), context.getBean(JsonMapper.class));
        impatient = new VapiRestHost(new VapiProperties(vapi.baseUrl(), Duration.ofSeconds(1)), context.getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        host.close();
        impatient.close();
        context.close();
        vapi.close();
    }

    @BeforeEach
    void clean() {
        vapi.reset();
    }

    private static dev.switchboard.domain.studio.HostedAssistantSpec spec() {
        var tool = new ToolDefinition("book_appointment", "Book.", Map.of("type", "object", "properties", Map.of("date", Map.of("type", "string"))));
        return VapiMapping.spec(Fixtures.assistant(TenantId.random(), "Front desk"), List.of(tool),
                new HostedServer("https://sb.example.com/webhooks/vapi/t", "secret"));
    }

    @Test
    void creates_reads_back_updates_and_deletes_an_assistant_losslessly() {
        var spec = spec();
        var created = host.createAssistant(KEY, spec);
        assertThat(SpecComparison.differences(spec, created.spec())).isEmpty();
        assertThat(host.findAssistant(KEY, created.id()).orElseThrow().spec().metadata()).isEqualTo(spec.metadata());
        assertThat(vapi.requests()).first().satisfies(create -> {
            assertThat(create.method() + " " + create.path()).isEqualTo("POST /assistant");
            assertThat(create.authorization()).isEqualTo("Bearer private-key");
        });

        var updated = host.updateAssistant(KEY, created.id(), spec.withMetadata(Map.of("k", "v")));
        assertThat(updated.spec().metadata()).containsEntry("k", "v");
        assertThat(host.deleteAssistant(KEY, created.id())).isTrue();
        assertThat(host.findAssistant(KEY, created.id())).isEmpty();
        assertThat(host.deleteAssistant(KEY, created.id())).isFalse();
        assertThatThrownBy(() -> host.updateAssistant(KEY, created.id(), spec))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.NOT_FOUND));
    }

    @Test
    void imports_lists_and_assigns_numbers() {
        var assistant = host.createAssistant(KEY, spec());
        var e164 = Fixtures.randomE164();
        var imported = host.importTwilioNumber(KEY, new TwilioAccount("AC1", "token"), new E164Number(e164), "Front desk",
                assistant.id(), new HostedServer("https://sb.example.com/webhooks/vapi/t", "secret"));
        assertThat(imported.number()).isEqualTo(e164);
        assertThat(imported.assistantId()).isEqualTo(assistant.id());
        assertThat(host.listNumbers(KEY)).contains(imported);
        var other = host.createAssistant(KEY, spec());
        assertThat(host.assignNumber(KEY, imported.id(), other.id()).assistantId()).isEqualTo(other.id());
        assertThatThrownBy(() -> host.importTwilioNumber(KEY, new TwilioAccount("AC1", "wrong"), new E164Number(Fixtures.randomE164()),
                null, other.id(), null)).isInstanceOfSatisfying(PortFailure.class, e -> {
                    assertThat(e.category()).isEqualTo(PortFailure.Category.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("HTTP 400", "Twilio Error").doesNotContain("wrong");
                });
    }

    @Test
    void failures_become_port_failures_naming_the_operation_with_vapis_words() {
        assertThat(category(new VapiAccount("bad-key"))).isEqualTo(PortFailure.Category.REJECTED_CREDENTIALS);
        vapi.fail(Endpoint.CREATE_ASSISTANT, Failure.status(422, "name must be shorter"));
        assertThat(category(KEY)).isEqualTo(PortFailure.Category.BAD_REQUEST);
        vapi.fail(Endpoint.CREATE_ASSISTANT, Failure.status(429, "slow down"));
        assertThat(category(KEY)).isEqualTo(PortFailure.Category.RATE_LIMITED);
        vapi.fail(Endpoint.CREATE_ASSISTANT, Failure.status(502, "bad gateway"));
        assertThat(category(KEY)).isEqualTo(PortFailure.Category.UNAVAILABLE);
        vapi.fail(Endpoint.CREATE_ASSISTANT, Failure.timeout(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> impatient.createAssistant(KEY, spec()))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.TIMEOUT));
        vapi.fail(Endpoint.CREATE_ASSISTANT, Failure.status(422, "name must be shorter").once());
        assertThatThrownBy(() -> host.createAssistant(KEY, spec())).hasMessage("create the assistant: Vapi refused the request (HTTP 422): name must be shorter");
        assertThat(host.createAssistant(KEY, spec()).id()).isNotBlank();
    }

    private static PortFailure.Category category(VapiAccount account) {
        try {
            host.createAssistant(account, spec());
            throw new AssertionError("expected a failure");
        } catch (PortFailure e) {
            return e.category();
        }
    }
}
