package dev.switchboard.app;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to the running server over real HTTP, the way a client would, and keeps the raw
 * answer (status, content type, body) so tests assert on what goes over the wire. Every
 * {@code /api} exchange is checked against the OpenAPI document as it happens ({@link ApiDocument}):
 * an answer the document does not describe fails the test that got it.
 */
public final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;
    private String token;

    public Api(EmbeddedServer server, JsonMapper json) {
        this.base = server.getURI();
        this.json = json;
    }

    /** The answer: status, content type and the body parsed as JSON when it is JSON. */
    public record Answer(int status, String contentType, String raw, Object body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        public java.util.List<Map<String, Object>> list() {
            return (java.util.List<Map<String, Object>>) body;
        }
    }

    public Api as(String bearer) {
        var copy = new Api(base, json);
        copy.token = bearer;
        return copy;
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    private Api(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    /** Signs up a fresh tenant and returns a client carrying its owner's token. */
    public Api newTenant(String name) {
        var email = "owner-" + UUID.randomUUID() + "@example.com";
        var answer = post("/api/v1/signup", Map.of("tenantName", name, "email", email, "password", "correct horse battery"));
        if (answer.status() != 201) throw new IllegalStateException("signup failed: " + answer.raw());
        return as((String) answer.json().get("access_token"));
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Answer send(String method, String path, Object body) {
        return send(method, path, body, Map.of());
    }

    /**
     * A request with headers of its own ({@code Idempotency-Key}, or a {@code Content-Type} with no
     * body to test the answer to a missing body); they are checked against the document too.
     */
    public Answer send(String method, String path, Object body, Map<String, String> headers) {
        var download = exchange(method, path, body, headers);
        var raw = new String(download.body(), StandardCharsets.UTF_8);
        try {
            Object parsed = null;
            if (download.contentType().contains("json") && !raw.isEmpty()) parsed = json.readValue(download.body(), Object.class);
            return new Answer(download.status(), download.contentType(), raw, parsed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An answer whose body is bytes (a recording's WAV), or a problem when there is none. */
    public record Download(int status, String contentType, byte[] body) {}

    /** GETs a file (a call's recording) as bytes; the exchange is checked against the document like any other. */
    public Download download(String path) {
        return exchange("GET", path, null, Map.of());
    }

    private Download exchange(String method, String path, Object body, Map<String, String> headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) request.header("Content-Type", "application/json");
            if (token != null) request.header("Authorization", "Bearer " + token);
            headers.forEach(request::setHeader);
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            var contentType = response.headers().firstValue("Content-Type").orElse("");
            // Every /api exchange must match the OpenAPI document generated from the code (issue 13).
            ApiDocument.check(new ApiDocument.Exchange(method, path, text, token != null, headers, response.statusCode(), contentType,
                    ApiDocument.bodyText(contentType, response.body())));
            return new Download(response.statusCode(), contentType, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
