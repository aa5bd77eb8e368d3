package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.caller.CallScript;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptFileTest {

    @Test
    void one_utterance_per_line_and_hash_lines_press_keys() {
        var script = CallScript.builder();
        ScriptFile.addTo(script, List.of("Hello, I'd like an appointment.", "", "  #0 ", "#12#", "   ", "Is Friday free?"));

        assertThat(script.build().steps()).containsExactly(
                new CallScript.Say("Hello, I'd like an appointment.", List.of(), Optional.empty()),
                new CallScript.Press("0", true),
                new CallScript.Press("12#", true),
                new CallScript.Say("Is Friday free?", List.of(), Optional.empty()));
    }

    @Test
    void a_hash_line_that_is_not_keys_names_its_line() {
        assertThatThrownBy(() -> ScriptFile.addTo(CallScript.builder(), List.of("hi", "#operator")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: \"#operator\" is not a key press (# then digits 0-9, * or #)");
        assertThatThrownBy(() -> ScriptFile.step("#", 7)).hasMessageStartingWith("line 7:");
    }
}
