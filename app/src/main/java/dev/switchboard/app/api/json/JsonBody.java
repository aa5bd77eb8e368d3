package dev.switchboard.app.api.json;

import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON request body field by field and collects every problem (missing, wrong type,
 * invalid value) under the field's path, so one 400 answer lists them all. Nothing is written
 * before {@link #validate()} passes.
 *
 * <p>A field the endpoint never asked about is an error too ({@code "unknown field"}), found by
 * {@link #validate()}: a misspelt or invented field ({@code enabledTools} for {@code tools}) would
 * otherwise be dropped without a word and the client would believe it was saved. So every
 * endpoint reads all the fields it accepts before calling {@link #validate()}.
 */
public final class JsonBody {
    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;
    /** This object's fields the endpoint asked about, present or not. */
    private final Set<String> asked = new LinkedHashSet<>();
    /** This body and every nested object read from it, sharing one list. */
    private final List<JsonBody> objects;
    /** The nested objects read so far, so reading one twice gives the same (asked-about) reader. */
    private final Map<String, JsonBody> nested = new LinkedHashMap<>();

    private JsonBody(JsonNode node, String prefix, List<FieldError> errors, List<JsonBody> objects) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
        this.objects = objects;
        objects.add(this);
    }

    /** Parses {@code raw}; no body, malformed JSON or a non-object is refused at once. */
    public static JsonBody parse(JsonMapper mapper, String raw) {
        if (raw == null || raw.isBlank()) throw new InvalidInput("body", REQUIRED);
        JsonNode node;
        try {
            node = mapper.readValue(raw.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("body", "malformed JSON");
        }
        if (node == null || !node.isObject()) throw new InvalidInput("body", "must be a JSON object");
        return new JsonBody(node, "", new ArrayList<>(), new ArrayList<>());
    }

    /** What a request without a body is told (also by {@code MissingBodyHandler}). */
    public static final String REQUIRED = "a JSON body is required";

    /**
     * The object's field names, in the order sent (e.g. the weekdays of opening hours): the
     * caller takes them all, so none of them counts as unknown.
     */
    public List<String> fieldNames() {
        var names = new ArrayList<String>();
        for (var entry : node.entries()) names.add(entry.getKey());
        asked.addAll(names);
        return names;
    }

    /** Whether the field is in the body at all, even as {@code null} (which clears it). */
    public boolean mentions(String field) {
        asked.add(field);
        return node.get(field) != null;
    }

    public boolean has(String field) {
        asked.add(field);
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

    public Boolean bool(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isBoolean()) return wrong(field, "must be true or false");
        return value.getBooleanValue();
    }

    public Integer integer(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isNumber() || value.getDoubleValue() != Math.rint(value.getDoubleValue())
                || Math.abs(value.getDoubleValue()) > Integer.MAX_VALUE) return wrong(field, "must be an integer");
        return value.getIntValue();
    }

    /** A {@code true}/{@code false} field (no strings or numbers standing in for one). */
    public Boolean flag(String field, boolean required) {
        var value = value(field, required);
        if (value == null) return null;
        if (!value.isBoolean()) return wrong(field, "must be true or false");
        return value.getBooleanValue();
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
        return nested.computeIfAbsent(field, f -> new JsonBody(value, path(f) + ".", errors, objects));
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

    /**
     * Adds an {@code "unknown field"} error for every field of this body (and of the nested
     * objects read from it) that the endpoint did not ask about.
     *
     * @throws InvalidInput listing every error collected so far
     */
    public void validate() {
        for (var object : objects) object.rejectUnknownFields();
        if (!errors.isEmpty()) throw new InvalidInput(errors);
    }

    private void rejectUnknownFields() {
        for (var entry : node.entries()) {
            var name = entry.getKey();
            if (asked.contains(name)) continue;
            var error = new FieldError(path(name), "unknown field; this object takes " + String.join(", ", asked));
            if (!errors.contains(error)) errors.add(error);
        }
    }

    private JsonNode value(String field, boolean required) {
        asked.add(field);
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
