package dev.switchboard.llm.streaming;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.domain.shared.PortFailure.Category;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Tool arguments travel as JSON text on the wire and as plain maps in the domain. */
public final class ToolArguments {
    // Sorted keys: the same arguments always make the same text (stable prompts, cache hits, tests).
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ToolArguments() {}

    /**
     * Parses the concatenated fragments a model streamed; empty means no arguments.
     *
     * @throws AttemptFailure when the model produced something that is not a JSON object
     */
    public static Map<String, Object> parse(String provider, String tool, String json) {
        if (json == null || json.isBlank()) return Map.of();
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw AttemptFailure.of(Category.UNAVAILABLE, false,
                    provider + " sent arguments for " + tool + " that are not a JSON object", e);
        }
    }

    public static String write(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
