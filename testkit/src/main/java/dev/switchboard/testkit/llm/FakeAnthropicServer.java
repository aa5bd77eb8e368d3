package dev.switchboard.testkit.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback Anthropic Messages API ({@code POST /v1/messages}) answering from a script, and its
 * models list ({@code GET /v1/models}) for key checks.
 * Accepts the key as {@code x-api-key} or {@code Authorization: Bearer} (the Java SDK may send
 * either) and answers 401 {@code authentication_error} without one.
 *
 * <pre>{@code
 * try (var fake = FakeAnthropicServer.start()) {
 *     fake.enqueue(FakeAnthropicServer.error(429, "rate_limit_error", "slow down").withHeader("retry-after", "1"),
 *                  AnthropicStream.message("claude-test").text("Hel", "lo").reply());
 *     client.baseUrl(fake.baseUrl());
 * }
 * }</pre>
 */
public final class FakeAnthropicServer extends ScriptedSseServer {
    private FakeAnthropicServer() {
        super("/v1/messages", "/v1/models");
    }

    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    /** The base URL to give the SDK (it appends {@code /v1/messages}). */
    public String baseUrl() {
        return origin();
    }

    /** An error answer with Anthropic's body: {@code {"type":"error","error":{type,message},"request_id"}}. */
    public static ScriptedResponse error(int status, String type, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "error");
        body.put("error", Map.of("type", type, "message", message));
        body.put("request_id", "req_fake01");
        return ScriptedResponse.json(status, json(body)).withHeader("request-id", "req_fake01");
    }

    @Override
    protected Optional<String> presentedKey(RecordedRequest request) {
        var key = request.header("x-api-key");
        if (key != null) return Optional.of(key);
        var authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) return Optional.of(authorization.substring(7));
        return Optional.empty();
    }

    @Override
    protected ScriptedResponse unauthorized() {
        return error(401, "authentication_error", "invalid x-api-key");
    }

    @Override
    protected ScriptedResponse unscripted() {
        return error(400, "invalid_request_error", "fake: no response scripted for this request");
    }
}
