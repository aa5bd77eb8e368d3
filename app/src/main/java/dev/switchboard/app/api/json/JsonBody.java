package dev.switchboard.app.api.json;

import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field and collects every problem (missing, wrong type,
 * invalid value) under the field's path, so one 400 answer lists them all. Nothing is written
 * before {@link #validate()} passes.
 */
public final class JsonBody {
    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonBody(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Parses {@code raw}; malformed JSON or a non-object is refused at once. */
    public static JsonBody parse(JsonMapper mapper, String raw) {
        if (raw == null || raw.isBlank()) throw new InvalidInput("body", "a JSON object is required");
        JsonNode node;
        try {
            node = mapper.readValue(raw.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("body", "malformed JSON");
        }
        if (node == null || !node.isObject()) throw new InvalidInput("body", "a JSON object is required");
        return new JsonBody(node, "", new ArrayList<>());
    }

    /** The object's field names, in the order sent (e.g. the weekdays of opening hours). */
    public List<String> fieldNames() {
        var names = new ArrayList<String>();
        for (var entry : node.entries()) names.add(entry.getKey());
        return names;
    }

    /** Whether the field is in the body at all, even as {@code null} (which clears it). */
    public boolean mentions(String field) {
        return node.get(field) != null;
    }

    public boolean has(String field) {
        var value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Longest text any field takes unless it says otherwise (a knowledge document's content). */
    public static final int MAX_TEXT = 100_000;

    /** A string field; an optional one that is blank counts as absent. At most {@link #MAX_TEXT} characters. */
    public String text(String field, boolean required) {
        return text(field, required, MAX_TEXT);
    }

    /** A string field of at most {@code maxLength} characters, with no NUL character (PostgreSQL refuses them). */
    public String text(String field, boolean required, int maxLength) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isString()) return wrong(field, "must be a string");
        var text = value.getStringValue();
        if (text.isBlank()) return required ? wrong(field, "must not be blank") : null;
        if (text.indexOf('\u0000') >= 0) return wrong(field, "must not contain NUL characters");
        if (text.length() > maxLength) return wrong(field, "must be at most " + maxLength + " characters");
        return text;
    }

    public Double number(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isNumber()) return wrong(field, "must be a number");
        return value.getDoubleValue();
    }

    public Integer integer(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isNumber() || value.getDoubleValue() != Math.rint(value.getDoubleValue())
                || Math.abs(value.getDoubleValue()) > Integer.MAX_VALUE) return wrong(field, "must be an integer");
        return value.getIntValue();
    }

    public List<String> strings(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isArray()) return wrong(field, "must be an array of strings");
        var out = new ArrayList<String>();
        for (var item : value.values()) {
            if (!item.isString()) return wrong(field, "must be an array of strings");
            out.add(item.getStringValue());
        }
        return out;
    }

    /** A map of string to string, e.g. a DTMF policy. */
    public Map<String, String> stringMap(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isObject()) return wrong(field, "must be an object of strings");
        var out = new LinkedHashMap<String, String>();
        for (var entry : value.entries()) {
            if (!entry.getValue().isString()) return wrong(field + "." + entry.getKey(), "must be a string");
            out.put(entry.getKey(), entry.getValue().getStringValue());
        }
        return out;
    }

    /** A nested object; its fields report errors under {@code field.}. Absent and optional: {@code null}. */
    public JsonBody object(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isObject()) return wrong(field, "must be an object");
        return new JsonBody(value, path(field) + ".", errors);
    }

    /**
     * Converts a value with a domain constructor or parser; an {@link IllegalArgumentException}
     * becomes this field's error, in the domain's own words.
     */
    public <T, R> R convert(String field, T value, Function<T, R> converter) {
        if (value == null) return null;
        try {
            return converter.apply(value);
        } catch (IllegalArgumentException e) {
            return wrong(field, e.getMessage());
        }
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    /** @throws InvalidInput listing every error collected so far */
    public void validate() {
        if (!errors.isEmpty()) throw new InvalidInput(errors);
    }

    private JsonNode value(String field, boolean required) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) errors.add(new FieldError(path(field), "is required"));
            return null;
        }
        return value;
    }

    private <R> R wrong(String field, String message) {
        errors.add(new FieldError(path(field), message));
        return null;
    }

    private String path(String field) {
        return prefix + field;
    }
}
