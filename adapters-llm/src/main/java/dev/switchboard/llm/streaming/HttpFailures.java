package dev.switchboard.llm.streaming;

import dev.switchboard.domain.shared.PortFailure.Category;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns what providers answer into {@link AttemptFailure}s the same way for every provider:
 * 401/403 refused key, 404 unknown model, 408 timeout, 429 rate limit, other 4xx bad request,
 * 5xx (incl. Anthropic's 529 overloaded) unavailable. Only 408, 429, 5xx and broken connections
 * are worth another try.
 */
public final class HttpFailures {
    private HttpFailures() {}

    public static AttemptFailure fromStatus(String provider, int status, Optional<Duration> retryAfter, String detail, Throwable cause) {
        Category category;
        boolean retryable = false;
        if (status == 401 || status == 403) category = Category.REJECTED_CREDENTIALS;
        else if (status == 404) category = Category.NOT_FOUND;
        else if (status == 408) {
            category = Category.TIMEOUT;
            retryable = true;
        } else if (status == 429) {
            category = Category.RATE_LIMITED;
            retryable = true;
        } else if (status >= 500) {
            category = Category.UNAVAILABLE;
            retryable = true;
        } else category = Category.BAD_REQUEST;
        var failure = new dev.switchboard.domain.shared.PortFailure(category, provider + " answered " + status + ": " + detail, cause);
        return new AttemptFailure(failure, retryable, retryAfter.orElse(null));
    }

    /** A mid-stream {@code error} event (after HTTP 200), classified by its error type. */
    public static AttemptFailure fromErrorType(String provider, String type, String detail, Throwable cause) {
        int status = switch (type == null ? "" : type) {
            case "authentication_error", "invalid_api_key" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "rate_limit_error", "rate_limit_exceeded" -> 429;
            case "invalid_request_error" -> 400;
            default -> 503; // api_error, overloaded_error, server_error and anything new: the provider's trouble
        };
        return fromStatus(provider, status, Optional.empty(), "stream error " + type + ": " + detail, cause);
    }

    /** The connection failed or broke: a read that timed out is a timeout, anything else unavailable. */
    public static AttemptFailure fromIo(String provider, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return AttemptFailure.of(Category.TIMEOUT, false, provider + " timed out: " + t.getMessage(), error);
            }
        }
        return AttemptFailure.of(Category.UNAVAILABLE, true, provider + " connection failed: " + error.getMessage(), error);
    }

    /** Reads {@code retry-after-ms} or {@code retry-after} (seconds or an HTTP date). */
    public static Optional<Duration> retryAfter(Function<String, List<String>> header, Instant now) {
        try {
            var millis = header.apply("retry-after-ms");
            if (!millis.isEmpty()) return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.get(0).strip())));
            var value = header.apply("retry-after");
            if (value.isEmpty()) return Optional.empty();
            var text = value.get(0).strip();
            if (text.matches("\\d+(\\.\\d+)?")) return Optional.of(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
            var date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
