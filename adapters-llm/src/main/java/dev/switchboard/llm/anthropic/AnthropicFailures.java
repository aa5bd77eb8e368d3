package dev.switchboard.llm.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.llm.streaming.AttemptFailure;
import dev.switchboard.llm.streaming.HttpFailures;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Maps what the Anthropic SDK throws to {@link AttemptFailure}s (PROTOCOLS.md §11.4). */
final class AnthropicFailures {
    private static final String PROVIDER = AnthropicLanguageModel.PROVIDER;

    private AnthropicFailures() {}

    static AttemptFailure map(RuntimeException error, String apiKey) {
        if (error instanceof SseException sse) {
            return HttpFailures.fromErrorType(PROVIDER, errorField(sse.body(), "type"), scrub(errorField(sse.body(), "message"), apiKey), sse);
        }
        if (error instanceof AnthropicServiceException service) {
            var retryAfter = HttpFailures.retryAfter(name -> service.headers().values(name), Instant.now());
            var detail = errorField(service.body(), "type") + " " + scrub(errorField(service.body(), "message"), apiKey);
            return HttpFailures.fromStatus(PROVIDER, service.statusCode(), retryAfter, detail, service);
        }
        if (error instanceof AnthropicIoException) return HttpFailures.fromIo(PROVIDER, error);
        if (error instanceof AnthropicInvalidDataException) {
            return AttemptFailure.of(Category.UNAVAILABLE, false, PROVIDER + " sent an event we cannot read", error);
        }
        return AttemptFailure.of(Category.UNAVAILABLE, true, PROVIDER + " call failed: " + error.getClass().getSimpleName(), error);
    }

    /** {@code error.<field>} of an error body, or "" when absent. */
    private static String errorField(JsonValue body, String field) {
        Optional<Map<String, JsonValue>> root = body.asObject();
        JsonValue error = root.map(b -> b.get("error")).orElse(null);
        if (error == null) return "";
        Optional<Map<String, JsonValue>> fields = error.asObject();
        JsonValue value = fields.map(e -> e.get(field)).orElse(null);
        Object text = value == null ? null : value.asString().orElse(null);
        return text == null ? "" : text.toString();
    }

    private static String scrub(String text, String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "***");
    }
}
