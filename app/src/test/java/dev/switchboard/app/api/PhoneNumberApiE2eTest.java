package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class PhoneNumberApiE2eTest {
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
    void attaches_reassigns_and_removes_a_number() {
        var assistant = (String) owner.post("/api/v1/assistants", Bodies.assistant("Reception")).json().get("id");
        var e164 = Fixtures.randomE164();
        var created = owner.post("/api/v1/phone-numbers", Bodies.number(e164, null));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("number", e164).containsEntry("label", "Front desk").doesNotContainKey("assistantId");
        var id = (String) created.json().get("id");

        var assigned = owner.put("/api/v1/phone-numbers/" + id, Map.of("assistantId", assistant));
        assertThat(assigned.json()).containsEntry("assistantId", assistant).containsEntry("label", "Front desk");
        var relabelled = owner.put("/api/v1/phone-numbers/" + id, Map.of("label", "Night line"));
        assertThat(relabelled.json()).containsEntry("assistantId", assistant).containsEntry("label", "Night line");

        owner.delete("/api/v1/assistants/" + assistant);
        assertThat(owner.get("/api/v1/phone-numbers/" + id).json()).doesNotContainKey("assistantId");

        assertThat(owner.delete("/api/v1/phone-numbers/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/phone-numbers").list()).isEmpty();
    }

    @Test
    void bad_numbers_and_unknown_assistants_are_named_and_nothing_is_written() {
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/phone-numbers", Map.of("number", "0142000000"))))
                .containsExactly("number");
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/phone-numbers", Map.of("number", 33142000000L))))
                .containsExactly("number");
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/phone-numbers",
                Bodies.number(Fixtures.randomE164(), "7b0e4f51-3c1a-4b7e-9d0e-6f3f0f3a9c11")))).containsExactly("assistantId");
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/phone-numbers",
                Bodies.number(Fixtures.randomE164(), "not-a-uuid")))).containsExactly("assistantId");
        assertThat(owner.get("/api/v1/phone-numbers").list()).isEmpty();
    }

    @Test
    void a_number_registered_by_another_tenant_is_409() {
        var e164 = Fixtures.randomE164();
        assertThat(owner.post("/api/v1/phone-numbers", Bodies.number(e164, null)).status()).isEqualTo(201);
        var other = new Api(server, json).newTenant("Other");
        var answer = other.post("/api/v1/phone-numbers", Bodies.number(e164, null));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(other.get("/api/v1/phone-numbers").list()).isEmpty();
    }
}
