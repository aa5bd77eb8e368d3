package dev.switchboard.domain.tool;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a model's tool arguments and collects what is wrong with them, so a bad call is answered
 * with one {@link ToolOutcome.Answer} telling the model how to call again, never an exception.
 * One instance per run; not thread-safe.
 */
final class ToolArguments {
    static final String DATE_FORMAT = "a date as yyyy-MM-dd, e.g. 2026-03-14";
    static final String TIME_FORMAT = "a 24-hour time as HH:mm, e.g. 14:30";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:hH](\\d{2})");

    private final String tool;
    private final Map<String, Object> arguments;
    private final List<String> problems = new ArrayList<>();

    ToolArguments(String tool, Map<String, Object> arguments) {
        this.tool = tool;
        this.arguments = arguments == null ? Map.of() : arguments;
    }

    /** A string (numbers are taken as written); blank counts as absent. */
    String text(String name, boolean required, int maxLength) {
        var value = arguments.get(name);
        if (value instanceof Number || value instanceof Boolean) value = value.toString();
        if (value != null && !(value instanceof String)) {
            problems.add(name + " must be a string");
            return null;
        }
        var text = value == null ? "" : ((String) value).strip();
        if (text.isEmpty()) {
            if (required) problems.add(name + " is required");
            return null;
        }
        if (text.length() > maxLength) {
            problems.add(name + " must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    LocalDate date(String name, boolean required) {
        var text = text(name, required, 40);
        if (text == null) return null;
        try {
            if (DATE.matcher(text).matches()) return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            // falls through to the same advice
        }
        problems.add(name + " must be " + DATE_FORMAT + " (got \"" + text + "\")");
        return null;
    }

    LocalTime time(String name, boolean required) {
        var text = text(name, required, 40);
        if (text == null) return null;
        var m = TIME.matcher(text);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour < 24 && minute < 60) return LocalTime.of(hour, minute);
        }
        problems.add(name + " must be " + TIME_FORMAT + " (got \"" + text + "\")");
        return null;
    }

    /** A problem the tool found itself, e.g. a missing value with no fallback. */
    void problem(String message) {
        problems.add(message);
    }

    /** The answer to give instead of running, when any argument was wrong. */
    Optional<ToolOutcome> invalid() {
        if (problems.isEmpty()) return Optional.empty();
        var details = new LinkedHashMap<String, Object>();
        details.put("error", "invalid_arguments");
        details.put("problems", List.copyOf(problems));
        details.put("arguments", Map.copyOf(stringified()));
        return Optional.of(new ToolOutcome.Answer("Invalid arguments for " + tool + ": " + String.join("; ", problems)
                + ". Ask the caller if needed, then call " + tool + " again with corrected arguments.", details));
    }

    private Map<String, String> stringified() {
        var copy = new LinkedHashMap<String, String>();
        arguments.forEach((k, v) -> copy.put(k, String.valueOf(v)));
        return copy;
    }
}
