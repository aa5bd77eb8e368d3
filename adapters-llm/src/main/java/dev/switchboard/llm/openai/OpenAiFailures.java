package dev.switchboard.llm.openai;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.llm.streaming.AttemptFailure;
import dev.switchboard.llm.streaming.HttpFailures;
import java.time.Instant;

/** Maps what the OpenAI SDK throws to {@link AttemptFailure}s. */
final class OpenAiFailures {
    private static final String PROVIDER = OpenAiLanguageModel.PROVIDER;

    private OpenAiFailures() {}

    static AttemptFailure map(RuntimeException error, String apiKey) {
        if (error instanceof SseException sse) {
            var type = sse.code().or(sse::type).orElse("");
            return HttpFailures.fromErrorType(PROVIDER, type, scrub(sse.getMessage(), apiKey), sse);
        }
        if (error instanceof OpenAIServiceException service) {
            var retryAfter = HttpFailures.retryAfter(name -> service.headers().values(name), Instant.now());
            var detail = service.code().or(service::type).orElse("") + " " + scrub(service.getMessage(), apiKey);
            return HttpFailures.fromStatus(PROVIDER, service.statusCode(), retryAfter, detail, service);
        }
        if (error instanceof OpenAIIoException) return HttpFailures.fromIo(PROVIDER, error);
        if (error instanceof OpenAIInvalidDataException) {
            return AttemptFailure.of(Category.UNAVAILABLE, false, PROVIDER + " sent a chunk we cannot read", error);
        }
        return AttemptFailure.of(Category.UNAVAILABLE, true, PROVIDER + " call failed: " + error.getClass().getSimpleName(), error);
    }

    private static String scrub(String text, String apiKey) {
        if (text == null) return "";
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "***");
    }
}
