package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check every end-to-end exchange goes through ({@link Api} → {@link ApiDocument}) really
 * refuses drift: an answer field the document does not name, a required field left out, a status
 * the operation does not list. Exchanges made up here, against the built document; no server.
 */
class ApiDocumentTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String TENANT = "{\"id\":\"t1\",\"name\":\"Salon\",\"timezone\":\"Europe/Paris\",\"role\":\"owner\",\"createdAt\":\"2026-03-02T09:00:00Z\"";

    private static ApiDocument.Exchange getTenant(int status, String contentType, String body) {
        return new ApiDocument.Exchange("GET", "/api/v1/tenant", null, true, status, contentType, body);
    }

    @Test
    void an_answer_as_documented_passes() {
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", TENANT + "}"))).isEmpty();
    }

    @Test
    void a_field_the_document_does_not_name_a_missing_required_field_and_an_unlisted_status_fail() {
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", TENANT + ",\"plan\":\"gold\"}")))
                .anySatisfy(m -> assertThat(m).contains("additionalProperties").contains("plan"));
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", "{\"id\":\"t1\",\"name\":\"Salon\"}")))
                .anySatisfy(m -> assertThat(m).contains("required"));
        assertThat(ApiDocument.mismatches(getTenant(418, PROBLEM, "{}"))).isNotEmpty();
        assertThatThrownBy(() -> ApiDocument.check(getTenant(200, "application/json", TENANT.replace("owner", "king") + "}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /api/v1/tenant → 200 (getTenant)");
    }

    @Test
    void a_route_the_api_does_not_have_must_still_answer_problem_json() {
        var problem = "{\"type\":\"https://switchboard.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Page Not Found\",\"instance\":\"/api/v1/nothing\"}";
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", "/api/v1/nothing", null, true, 404, PROBLEM, problem))).isEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", "/api/v1/nothing", null, true, 404, "text/html", "<h1>no</h1>"))).isNotEmpty();
    }

    @Test
    void a_refused_requests_answer_is_still_checked_status_and_problem_schema() {
        var badBody = new ApiDocument.Exchange("POST", "/api/v1/assistants", "{\"colour\":\"blue\"}", true, 400, PROBLEM,
                "{\"type\":\"https://switchboard.dev/problems/invalid-request\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"colour: unknown field\",\"instance\":\"/api/v1/assistants\",\"errors\":[{\"field\":\"colour\",\"message\":\"unknown field\"}]}");
        assertThat(ApiDocument.mismatches(badBody)).isEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("POST", "/api/v1/assistants", "{}", true, 400, PROBLEM,
                "{\"title\":\"Bad Request\",\"errors\":[{\"name\":\"colour\"}]}"))).anySatisfy(m -> assertThat(m).contains("required"));
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("POST", "/api/v1/assistants", "{}", true, 400, "text/plain", "bad")))
                .isNotEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("POST", "/api/v1/assistants", "{}", true, 422, PROBLEM,
                badBody.responseBody()))).isNotEmpty();
    }

    @Test
    void a_recording_is_a_wav_and_its_absence_a_problem() {
        var wav = ApiDocument.bodyText("audio/wav", new byte[] {'R', 'I', 'F', 'F', 0, (byte) 0xff, 1, 2});
        var recording = "/api/v1/calls/3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c/recording";
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", recording, null, true, 200, "audio/wav", wav))).isEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", recording, null, true, 200, "application/json", "{}"))).isNotEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", recording, null, true, 404, "audio/wav", wav))).isNotEmpty();
    }

    @Test
    void a_request_header_the_document_lists_is_checked_with_the_request() {
        var placed = "{\"to\":\"+33612345678\",\"phoneNumberId\":\"3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c\"}";
        var exchange = new ApiDocument.Exchange("POST", "/api/v1/calls", placed, true, java.util.Map.of("Idempotency-Key", "order-1"), 202,
                "application/json", "{}");
        // The answer is not a placed call: the point is that the header does not count against the request.
        assertThat(ApiDocument.mismatches(exchange)).noneSatisfy(m -> assertThat(m).containsIgnoringCase("Idempotency"))
                .anySatisfy(m -> assertThat(m).contains("required"));
    }

    /** A test that builds its own HTTP request to the API would bypass the check: it must hand the answer to {@link ApiDocument#checked}. */
    @Test
    void no_test_reaches_the_api_around_the_check() throws java.io.IOException {
        var root = java.nio.file.Path.of("src/test/java");
        try (var files = java.nio.file.Files.walk(root)) {
            var bypassing = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.endsWith(java.nio.file.Path.of("dev/switchboard/app/Api.java")))
                    .filter(file -> {
                        var text = read(file);
                        return RAW_API_REQUEST.matcher(text).find() && !text.contains("ApiDocument::checked") && !text.contains("ApiDocument.checked(");
                    })
                    .map(file -> root.relativize(file).toString()).toList();
            assertThat(bypassing).as("use Api (or ApiDocument.checked) for /api exchanges").isEmpty();
        }
    }

    /** An HTTP request built by hand whose URI names an /api path, within one statement. */
    private static final java.util.regex.Pattern RAW_API_REQUEST = java.util.regex.Pattern.compile("HttpRequest\\.newBuilder\\([^;]*\"/api/");

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each Java type is one schema and each schema name one type. micronaut-openapi once described a
     * nested record twice — under its {@code @Schema} name and again under its class name
     * ({@code AssistantVoice} and {@code AssistantView.Voice}) — whenever a field of that type carried a
     * {@code @Schema} of its own; and two types given the same name would share one schema.
     */
    @Test
    void every_schema_names_one_java_type_and_no_type_has_two_schemas() throws java.io.IOException {
        var components = schemaNames();
        var named = new java.util.TreeMap<String, java.util.List<String>>();
        var secondNames = new java.util.ArrayList<String>();
        for (var type : new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.switchboard.app")) {
            var schema = type.tryGetAnnotationOfType(io.swagger.v3.oas.annotations.media.Schema.class);
            if (schema.isEmpty() || schema.get().name().isEmpty()) continue;
            var byClass = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
            named.computeIfAbsent(schema.get().name(), name -> new java.util.ArrayList<>()).add(byClass);
            if (!byClass.equals(schema.get().name()) && components.contains(byClass)) secondNames.add(schema.get().name() + " also as " + byClass);
        }
        assertThat(secondNames).as("types described twice (a field's own @Schema on a property of that type?)").isEmpty();
        assertThat(named).as("schema names given to more than one type").allSatisfy((name, types) -> assertThat(types).hasSize(1));
        // A class's own name with a dot is the name micronaut-openapi falls back to for a nested type
        // whose @Schema name it did not use: every component should be named on purpose.
        assertThat(components).as("components named after a nested class").noneMatch(name -> name.contains("."));
        assertThat(components).contains("AssistantVoice", "AssistantTranscriber", "AssistantModelRequest", "AssistantModelFallback", "RetryRequest");
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> schemaNames() throws java.io.IOException {
        try (var in = ApiDocumentTest.class.getClassLoader().getResourceAsStream(ApiDocument.RESOURCE)) {
            java.util.Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(in);
            var components = (java.util.Map<String, Object>) document.get("components");
            return new java.util.TreeSet<>(((java.util.Map<String, Object>) components.get("schemas")).keySet());
        }
    }

    /** The verdicts the document lists (on a call and on its diagnosis) are the ones the code knows, no more, no fewer. */
    @Test
    @SuppressWarnings("unchecked")
    void the_documented_verdicts_are_the_codes_verdicts() throws java.io.IOException {
        try (var in = ApiDocumentTest.class.getClassLoader().getResourceAsStream(ApiDocument.RESOURCE)) {
            java.util.Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(in);
            var schemas = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) document.get("components")).get("schemas");
            var known = java.util.Arrays.stream(dev.switchboard.domain.diagnosis.VerdictCode.values())
                    .map(dev.switchboard.domain.diagnosis.VerdictCode::wireName).toList();
            for (var schema : List.of("Call", "CallDiagnosis")) {
                var properties = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) schemas.get(schema)).get("properties");
                var verdict = (java.util.Map<String, Object>) properties.get("verdict");
                assertThat((List<String>) verdict.get("enum")).as(schema + ".verdict").containsExactlyInAnyOrderElementsOf(known);
            }
        }
    }
}
