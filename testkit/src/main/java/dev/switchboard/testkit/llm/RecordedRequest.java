package dev.switchboard.testkit.llm;

import java.util.Locale;
import java.util.Map;

/**
 * One request a fake received, as it arrived on the wire.
 *
 * @param headers header names in lower case, first value of each
 * @param body the JSON body parsed into plain maps, lists, strings, numbers and booleans
 *     (empty when the body was not a JSON object)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, Map<String, Object> body) {
    public RecordedRequest {
        headers = Map.copyOf(headers);
        body = body == null ? Map.of() : body;
    }

    /** The header's first value, or {@code null}; the name is case-insensitive. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
