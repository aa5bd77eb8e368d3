package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class KnowledgeApiE2eTest {
    private static final String TARIFS = "Coupe femme : 35 euros. Coloration à partir de 60 euros. Prenez rendez-vous par téléphone.";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;

    @BeforeEach
    void a_salon() {
        owner = ToolsApi.salon(new Api(server, json), "Salon Lumière");
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> view) {
        var copy = new java.util.HashMap<>(view);
        assertThat(copy.remove("createdAt")).isNotNull();
        assertThat(copy.remove("updatedAt")).isNotNull();
        return copy;
    }

    @Test
    void creates_reads_revises_and_deletes_a_document() {
        var created = owner.post("/api/v1/knowledge", Map.of("title", " Tarifs ", "content", TARIFS, "language", "fr-FR"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var id = (String) created.json().get("id");
        assertThat(withoutTimes(created.json())).isEqualTo(Map.of("id", id, "title", "Tarifs", "content", TARIFS, "language", "fr-FR"));
        assertThat(owner.get("/api/v1/knowledge/" + id).json()).isEqualTo(created.json());
        assertThat(owner.get("/api/v1/knowledge").list()).containsExactly(created.json());

        var revised = owner.put("/api/v1/knowledge/" + id, Map.of("title", "Prices", "content", "A haircut costs 35 euros.", "language", "en"));
        assertThat(withoutTimes(revised.json())).isEqualTo(Map.of("id", id, "title", "Prices", "content", "A haircut costs 35 euros.", "language", "en"));
        assertThat(revised.json()).containsEntry("createdAt", created.json().get("createdAt"));

        assertThat(owner.delete("/api/v1/knowledge/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/knowledge/" + id).status()).isEqualTo(404);
        assertThat(owner.delete("/api/v1/knowledge/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/knowledge").list()).isEmpty();
    }

    @Test
    void search_stems_in_each_documents_language() {
        var tarifs = (String) owner.post("/api/v1/knowledge", Map.of("title", "Tarifs", "content", TARIFS, "language", "fr")).json().get("id");
        var booking = (String) owner.post("/api/v1/knowledge", Map.of("title", "Booking",
                "content", "Book an appointment by phone. We confirm every appointment by text message.", "language", "en")).json().get("id");

        var french = owner.get("/api/v1/knowledge/search?q=rendez-vous%20coupes&language=fr-FR").list();
        assertThat(french).hasSize(1);
        assertThat(french.get(0)).containsEntry("documentId", tarifs).containsEntry("title", "Tarifs")
                .containsEntry("passage", "Coupe femme : 35 euros. Coloration à partir de 60 euros. Prenez rendez-vous par téléphone");
        assertThat(((Number) french.get(0).get("rank")).doubleValue()).isGreaterThan(1);

        var english = owner.get("/api/v1/knowledge/search?q=appointments").list();
        assertThat(english).extracting(p -> p.get("documentId")).containsExactly(booking);
        assertThat(owner.get("/api/v1/knowledge/search?q=appointments&language=fr").list()).isEmpty();
        assertThat(owner.get("/api/v1/knowledge/search?q=parking").list()).isEmpty();
    }

    @Test
    void bad_input_names_its_fields() {
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/knowledge", Map.of()))).containsExactly("title", "content", "language");
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/knowledge", Map.of("title", "T", "content", 42, "language", "fr_FR!"))))
                .containsExactly("content", "language");
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/knowledge", Map.of("title", "x".repeat(201), "content", "c", "language", "en"))))
                .containsExactly("title");
        assertThat(AssistantApiE2eTest.fields(owner.send("POST", "/api/v1/knowledge", "{not json"))).containsExactly("body");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/knowledge/search"))).containsExactly("q");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/knowledge/search?q=x&limit=0&language=%21"))).containsExactly("language", "limit");
        assertThat(owner.get("/api/v1/knowledge").list()).isEmpty();
    }

    @Test
    void another_tenants_documents_are_404_and_never_found() {
        var id = (String) owner.post("/api/v1/knowledge", Map.of("title", "Tarifs", "content", TARIFS, "language", "fr")).json().get("id");
        var other = ToolsApi.salon(new Api(server, json), "Other");
        assertThat(other.get("/api/v1/knowledge/" + id).status()).isEqualTo(404);
        assertThat(other.put("/api/v1/knowledge/" + id, Map.of("title", "Mine", "content", "x", "language", "en")).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/knowledge/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/knowledge/not-a-uuid").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/knowledge").list()).isEmpty();
        assertThat(other.get("/api/v1/knowledge/search?q=coupe").list()).isEmpty();
        assertThat(owner.get("/api/v1/knowledge/" + id).json()).containsEntry("title", "Tarifs");
    }
}
