package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real deployment (DATABASE_URL set) gets unless the operator asks otherwise. */
class ProductionDefaultsTest {
    @TempDir
    Path dir;

    private Map<String, String> production() {
        var env = new HashMap<String, String>();
        env.put("SWITCHBOARD_DATA_DIR", dir.toString());
        env.put("DATABASE_URL", "postgres://u:p@db:5432/sb");
        env.put("SWITCHBOARD_JWT_SECRET", "0123456789abcdef0123456789abcdef");
        env.put("SWITCHBOARD_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        env.put("TWILIO_AUTH_TOKEN", "tok");
        return env;
    }

    @Test
    void with_database_url_sign_up_is_off_unless_enabled() {
        assertThat(new SwitchboardEnvironment(production()::get).properties()).containsEntry("switchboard.signup.enabled", false);

        var enabled = production();
        enabled.put("SWITCHBOARD_SIGNUP_ENABLED", "true");
        assertThat(new SwitchboardEnvironment(enabled::get).properties()).doesNotContainKey("switchboard.signup.enabled");
    }

    @Test
    void the_embedded_development_install_leaves_sign_up_on() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString());
        assertThat(new SwitchboardEnvironment(env::get).properties()).doesNotContainKey("switchboard.signup.enabled");
    }
}
