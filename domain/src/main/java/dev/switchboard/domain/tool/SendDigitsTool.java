package dev.switchboard.domain.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code send_digits(digits)}: presses keypad keys on the call — for an agent that calls a
 * business and has to get through its phone menu. {@code w} waits half a second.
 */
public final class SendDigitsTool implements Tool {
    public static final String NAME = "send_digits";
    private static final Pattern DIGITS = Pattern.compile("[0-9*#w]{1,32}");
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Press keys on the phone keypad, e.g. to choose an option in an automated phone menu. "
                    + "Use the digits 0-9, * and #; w waits half a second between keys.",
            Schemas.object(Schemas.properties("digits", Schemas.string("The keys to press in order, e.g. \"1\" or \"2w4#\".")),
                    List.of("digits")));

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var digits = new ToolArguments(NAME, arguments).text("digits", true, 32);
        if (digits == null || !DIGITS.matcher(digits).matches())
            return new ToolOutcome.Answer("Invalid arguments for send_digits: digits must be 1 to 32 of 0-9, *, # and w (got \""
                    + digits + "\"). Call send_digits again.", Map.of("error", "bad digits"));
        var details = new LinkedHashMap<String, Object>();
        details.put("digits", digits);
        return new ToolOutcome.PressKeys(digits, "Pressed " + digits + ".", "Wait for what the other side says next.", details);
    }
}
