package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossOriginsTest {
    @TempDir
    Path dir;

    @Test
    void origins_are_read_as_browsers_send_them() {
        assertThat(CrossOrigins.parse(" https://Studio.Example.com , http://localhost:5173,https://app.example.com:443,"))
                .containsExactly("https://studio.example.com", "http://localhost:5173", "https://app.example.com");
        assertThat(CrossOrigins.parse(null)).isEmpty();
        assertThat(CrossOrigins.parse(" ")).isEmpty();
    }

    @Test
    void anything_that_is_not_an_exact_origin_stops_the_start_with_the_reason() {
        for (var wrong : List.of("*", "studio.example.com", "https://studio.example.com/", "https://studio.example.com/app",
                "ftp://studio.example.com", "https://user@studio.example.com", "https://studio.example.com?x=1", "https://"))
            assertThatThrownBy(() -> CrossOrigins.parse(wrong)).as(wrong).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("SWITCHBOARD_CORS_ORIGINS lists '" + wrong + "', which is not a web origin: ");
    }

    @Test
    void the_variable_turns_micronauts_cross_origin_support_on_for_those_origins_only() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_CORS_ORIGINS", "https://studio.example.com");
        assertThat(new SwitchboardEnvironment(env::get).properties())
                .containsEntry("micronaut.server.cors.enabled", true)
                .containsEntry("micronaut.server.cors.configurations.web.allowed-origins", List.of("https://studio.example.com"))
                .containsEntry("micronaut.server.cors.configurations.web.allow-credentials", false);
        assertThat(new SwitchboardEnvironment(Map.of("SWITCHBOARD_DATA_DIR", dir.toString())::get).properties())
                .doesNotContainKey("micronaut.server.cors.enabled");
    }
}
