package dev.switchboard.testkit.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback OpenAI Chat Completions API ({@code POST /v1/chat/completions}; {@code GET /v1/models}
 * for key checks) answering from a
 * script. Expects {@code Authorization: Bearer <key>} and answers 401 {@code invalid_api_key}
 * without one.
 *
 * <pre>{@code
 * try (var fake = FakeOpenAiServer.start()) {
 *     fake.enqueue(OpenAiStream.completion("gpt-test").text("Hel", "lo").reply());
 *     client.baseUrl(fake.baseUrl());
 * }
 * }</pre>
 */
public final class FakeOpenAiServer extends ScriptedSseServer {
    private FakeOpenAiServer() {
        super("/v1/chat/completions", "/v1/models");
    }

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    /** The base URL to give the SDK, ending in {@code /v1} as OpenAI's own does. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    /** An error answer with OpenAI's body: {@code {"error":{message,type,param,code}}}. */
    public static ScriptedResponse error(int status, String type, String message, String code) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return ScriptedResponse.json(status, json(Map.of("error", error)));
    }

    @Override
    protected Optional<String> presentedKey(RecordedRequest request) {
        var authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) return Optional.of(authorization.substring(7));
        return Optional.empty();
    }

    @Override
    protected ScriptedResponse unauthorized() {
        return error(401, "invalid_request_error", "Incorrect API key provided.", "invalid_api_key");
    }

    @Override
    protected ScriptedResponse unscripted() {
        return error(400, "invalid_request_error", "fake: no response scripted for this request", null);
    }
}
