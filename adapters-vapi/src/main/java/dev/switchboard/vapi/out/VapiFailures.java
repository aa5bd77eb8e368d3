package dev.switchboard.vapi.out;

import dev.switchboard.domain.shared.PortFailure;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Vapi's error answers in the domain's words. Vapi's body is NestJS-style
 * ({@code {"statusCode","error","message"}}, message a string or a list of validation strings —
 * PROTOCOLS.md §9.1); its text is kept so the user reads what Vapi objected to.
 */
final class VapiFailures {
    private static final int MAX_DETAIL = 500;

    private VapiFailures() {}

    static PortFailure of(String what, int status, String body, JsonMapper json, Throwable cause) {
        var detail = detail(body, json);
        var category = switch (status) {
            case 401, 403 -> PortFailure.Category.REJECTED_CREDENTIALS;
            case 404 -> PortFailure.Category.NOT_FOUND;
            case 400, 409, 422 -> PortFailure.Category.BAD_REQUEST;
            case 408, 504 -> PortFailure.Category.TIMEOUT;
            case 429 -> PortFailure.Category.RATE_LIMITED;
            default -> PortFailure.Category.UNAVAILABLE;
        };
        var meaning = switch (category) {
            case REJECTED_CREDENTIALS -> "Vapi rejected the API key";
            case NOT_FOUND -> "Vapi does not have it";
            case BAD_REQUEST -> "Vapi refused the request";
            case TIMEOUT -> "Vapi timed out";
            case RATE_LIMITED -> "Vapi is rate limiting us; try again shortly";
            default -> "Vapi failed";
        };
        return new PortFailure(category, what + ": " + meaning + " (HTTP " + status + ")" + (detail.isEmpty() ? "" : ": " + detail), cause);
    }

    private static String detail(String body, JsonMapper json) {
        if (body == null || body.isBlank()) return "";
        try {
            Map<String, Object> parsed = json.readValue(body.getBytes(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
            var message = parsed == null ? null : parsed.get("message");
            if (message instanceof List<?> list) return cap(String.join("; ", list.stream().map(String::valueOf).toList()));
            if (message != null) return cap(String.valueOf(message));
        } catch (Exception e) {
            // Not JSON (a proxy's HTML page, say): fall through to the raw text.
        }
        return cap(body.strip());
    }

    private static String cap(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
