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

    @Test
    void an_identity_provider_without_issuer_or_audience_refuses_to_start() {
        for (var missing : new String[] {"SWITCHBOARD_JWKS_ISSUER", "SWITCHBOARD_JWKS_AUDIENCE"}) {
            var env = production();
            env.put("SWITCHBOARD_JWKS_URL", "https://idp.example.com/.well-known/jwks.json");
            env.put("SWITCHBOARD_JWKS_ISSUER", "https://idp.example.com/");
            env.put("SWITCHBOARD_JWKS_AUDIENCE", "switchboard-api");
            env.remove(missing);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(env::get).properties())
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(missing + " must be set when SWITCHBOARD_JWKS_URL is");
        }
        var env = production();
        env.put("SWITCHBOARD_JWKS_URL", "https://idp.example.com/.well-known/jwks.json");
        env.put("SWITCHBOARD_JWKS_ISSUER", "https://idp.example.com/");
        env.put("SWITCHBOARD_JWKS_AUDIENCE", "switchboard-api");
        assertThat(new SwitchboardEnvironment(env::get).properties())
                .containsEntry("micronaut.security.token.jwt.signatures.jwks.external.url", "https://idp.example.com/.well-known/jwks.json")
                .containsEntry("switchboard.jwks.issuer", "https://idp.example.com/")
                .containsEntry("switchboard.jwks.audience", "switchboard-api");
    }
}
