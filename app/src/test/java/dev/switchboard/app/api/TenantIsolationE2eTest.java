package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two tenants: nothing of one is visible, changeable or deletable by the other. */
@MicronautTest
class TenantIsolationE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    CallRepository calls;

    private Api alice;
    private Api mallory;
    private String assistant;
    private String number;
    private String call;

    @BeforeEach
    void two_tenants() {
        var anonymous = new Api(server, json);
        alice = anonymous.newTenant("Alice's salon");
        mallory = anonymous.newTenant("Mallory's shop");
        assistant = (String) alice.post("/api/v1/assistants", Bodies.assistant("Reception")).json().get("id");
        number = (String) alice.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), assistant)).json().get("id");
        assertThat(alice.put("/api/v1/connections/twilio", Map.of("accountSid", "AC123", "authToken", "secret-token")).status()).isEqualTo(200);
        var aliceTenant = TenantId.parse((String) alice.get("/api/v1/tenant").json().get("id"));
        var stored = Fixtures.call(aliceTenant, Instant.parse("2026-03-02T09:00:00Z"));
        calls.add(stored);
        call = stored.id().toString();
    }

    @Test
    void every_read_of_the_other_tenants_things_is_404() {
        for (var path : List.of("/api/v1/assistants/" + assistant, "/api/v1/phone-numbers/" + number,
                "/api/v1/connections/twilio", "/api/v1/calls/" + call)) {
            var answer = mallory.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void lists_never_show_the_other_tenants_rows() {
        assertThat(mallory.get("/api/v1/assistants").list()).isEmpty();
        assertThat(mallory.get("/api/v1/phone-numbers").list()).isEmpty();
        assertThat(mallory.get("/api/v1/connections").list()).isEmpty();
        assertThat(mallory.get("/api/v1/calls").json()).containsEntry("items", List.of()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/calls/stats").json()).containsEntry("total", 0);
    }

    @Test
    void updates_and_deletes_of_the_other_tenants_things_are_404_and_change_nothing() {
        var before = List.of(alice.get("/api/v1/assistants/" + assistant).raw(), alice.get("/api/v1/phone-numbers/" + number).raw(),
                alice.get("/api/v1/connections/twilio").raw(), alice.get("/api/v1/calls/" + call).raw());

        assertThat(mallory.put("/api/v1/assistants/" + assistant, Bodies.assistant("Hijacked")).status()).isEqualTo(404);
        assertThat(mallory.put("/api/v1/phone-numbers/" + number, Map.of("label", "mine now")).status()).isEqualTo(404);
        assertThat(mallory.delete("/api/v1/assistants/" + assistant).status()).isEqualTo(404);
        assertThat(mallory.delete("/api/v1/phone-numbers/" + number).status()).isEqualTo(404);
        assertThat(mallory.delete("/api/v1/connections/twilio").status()).isEqualTo(404);

        var after = List.of(alice.get("/api/v1/assistants/" + assistant).raw(), alice.get("/api/v1/phone-numbers/" + number).raw(),
                alice.get("/api/v1/connections/twilio").raw(), alice.get("/api/v1/calls/" + call).raw());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void the_other_tenants_assistant_cannot_be_attached_to_a_number() {
        var answer = mallory.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), assistant));
        assertThat(AssistantApiE2eTest.fields(answer)).containsExactly("assistantId");
        assertThat(mallory.get("/api/v1/phone-numbers").list()).isEmpty();
    }
}
