package dev.switchboard.domain.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON Schema objects tool definitions carry, as plain maps. */
final class Schemas {
    private Schemas() {}

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> string(String description, String pattern) {
        return Map.of("type", "string", "description", description, "pattern", pattern);
    }

    /** {@code properties} in the order given; {@code required} names some of them. */
    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(required));
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> properties(Object... nameThenSchema) {
        var properties = new LinkedHashMap<String, Object>();
        for (int i = 0; i < nameThenSchema.length; i += 2) properties.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
        return java.util.Collections.unmodifiableMap(properties);
    }

    static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
    static final String TIME_PATTERN = "^\\d{2}:\\d{2}$";
}
