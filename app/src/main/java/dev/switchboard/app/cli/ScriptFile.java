package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.CallScript;
import java.util.List;

/**
 * A caller script as a text file: one caller utterance per line; a line starting with {@code #}
 * presses the keys after it ({@code #0}, {@code #12#}); blank lines are skipped.
 */
final class ScriptFile {
    private ScriptFile() {}

    /** Adds the steps of {@code lines} to {@code script}. */
    static void addTo(CallScript.Builder script, List<String> lines) {
        for (int n = 0; n < lines.size(); n++) {
            var line = lines.get(n).strip();
            if (line.isEmpty()) continue;
            script.step(step(line, n + 1));
        }
    }

    /** One line as a step; {@code lineNumber} only serves the error message. */
    static CallScript.Step step(String line, int lineNumber) {
        if (!line.startsWith("#")) return new CallScript.Say(line, List.of(), java.util.Optional.empty());
        var digits = line.substring(1).strip();
        try {
            return new CallScript.Press(digits, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": \"" + line + "\" is not a key press (# then digits 0-9, * or #)");
        }
    }
}
