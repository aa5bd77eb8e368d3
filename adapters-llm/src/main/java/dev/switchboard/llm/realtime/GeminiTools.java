package dev.switchboard.llm.realtime;

import dev.switchboard.domain.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Our tools as Gemini {@code functionDeclarations} (§12.2). Gemini's {@code parameters} is its
 * own OpenAPI-style {@code Schema}, not JSON Schema: types are enum names ({@code OBJECT},
 * {@code STRING}) and a field it does not know (our {@code additionalProperties: false}) fails the
 * whole setup, so the schema is rewritten keeping only the fields Gemini defines.
 */
final class GeminiTools {
    private static final Set<String> KEPT = Set.of("format", "title", "description", "nullable", "enum", "maxItems", "minItems",
            "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "propertyOrdering",
            "default", "minimum", "maximum");

    private GeminiTools() {}

    /** One {@code functionDeclarations} entry per tool, in order. */
    static List<Map<String, Object>> declarations(List<ToolDefinition> tools) {
        return tools.stream().map(GeminiTools::declaration).toList();
    }

    private static Map<String, Object> declaration(ToolDefinition tool) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", tool.name());
        out.put("description", tool.description());
        // A function without parameters is declared without a schema: Gemini refuses an OBJECT with no properties.
        if (tool.parameters().get("properties") instanceof Map<?, ?> p && !p.isEmpty()) out.put("parameters", schema(tool.parameters()));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Map<String, ?> json) {
        var out = new LinkedHashMap<String, Object>();
        for (var e : json.entrySet()) {
            var value = e.getValue();
            switch (e.getKey()) {
                case "type" -> {
                    if (value instanceof String s) out.put("type", s.toUpperCase(Locale.ROOT));
                    else if (value instanceof List<?> types) {
                        // JSON Schema's ["string", "null"]: Gemini says STRING, nullable.
                        types.stream().filter(t -> !"null".equals(t)).findFirst()
                                .ifPresent(t -> out.put("type", t.toString().toUpperCase(Locale.ROOT)));
                        if (types.contains("null")) out.put("nullable", true);
                    }
                }
                case "properties" -> {
                    var properties = new LinkedHashMap<String, Object>();
                    ((Map<String, ?>) value).forEach((name, s) -> properties.put(name, schema((Map<String, ?>) s)));
                    out.put("properties", properties);
                }
                case "items" -> out.put("items", schema((Map<String, ?>) value));
                case "anyOf" -> out.put("anyOf", ((List<Map<String, ?>>) value).stream().map(GeminiTools::schema).toList());
                default -> {
                    if (KEPT.contains(e.getKey())) out.put(e.getKey(), value);
                }
            }
        }
        return out;
    }
}
