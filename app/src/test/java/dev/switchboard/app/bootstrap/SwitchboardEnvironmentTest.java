package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchboardEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void database_url_and_keys_from_the_environment_become_configuration() {
        var env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "DATABASE_URL", "postgres://u:p@db:5433/sb",
                "SWITCHBOARD_JWT_SECRET", "0123456789abcdef0123456789abcdef", "SWITCHBOARD_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "TWILIO_AUTH_TOKEN", "tok", "SWITCHBOARD_PUBLIC_URL", "https://voice.example.com");
        var props = new SwitchboardEnvironment(env::get).properties();
        assertThat(props).containsEntry("datasources.default.url", "jdbc:postgresql://db:5433/sb")
                .containsEntry("datasources.default.username", "u").containsEntry("datasources.default.password", "p")
                .containsEntry("micronaut.security.token.jwt.signatures.secret.generator.secret", "0123456789abcdef0123456789abcdef")
                .containsEntry("switchboard.twilio.auth-token", "tok")
                .containsEntry("switchboard.public-url", "https://voice.example.com")
                .containsEntry("switchboard.embedded-postgres.data-dir", dir.resolve("postgres").toString())
                .containsEntry("switchboard.demo.enabled", false);
    }

    @Test
    void an_own_database_without_keys_refuses_to_start_instead_of_generating_throwaway_keys() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "DATABASE_URL", "postgres://u:p@db/sb",
                "SWITCHBOARD_JWT_SECRET", "0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN", "tok");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(env::get).properties())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("SWITCHBOARD_MASTER_KEY must be set");
        assertThat(dir.resolve("master-key")).doesNotExist();
    }

    @Test
    void the_public_url_follows_the_port_unless_given() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "PORT", "18080");
        assertThat(new SwitchboardEnvironment(env::get).properties()).containsEntry("switchboard.public-url", "http://localhost:18080");
    }

    @Test
    void without_keys_development_keys_are_generated_once_and_kept() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString());
        var first = new SwitchboardEnvironment(env::get).properties();
        var second = new SwitchboardEnvironment(env::get).properties();
        assertThat(first).doesNotContainKey("datasources.default.url");
        assertThat(second.get("switchboard.master-key")).isEqualTo(first.get("switchboard.master-key"));
        assertThat(second.get("micronaut.security.token.jwt.signatures.secret.generator.secret"))
                .isEqualTo(first.get("micronaut.security.token.jwt.signatures.secret.generator.secret"));
        assertThat(Files.readString(dir.resolve("master-key")).strip()).isEqualTo(first.get("switchboard.master-key"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master-key"))))
                .isEqualTo("rw-------");
    }

    /** With real credentials the development Twilio token must not be generated: Twilio would never match it. */
    @Test
    void real_credentials_need_the_twilio_auth_token() {
        var keys = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "SWITCHBOARD_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        var withDatabase = new java.util.HashMap<>(keys);
        withDatabase.put("DATABASE_URL", "postgres://u:p@db/sb");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(withDatabase::get).properties())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TWILIO_AUTH_TOKEN must be set when DATABASE_URL is");
        var withAccount = new java.util.HashMap<>(keys);
        withAccount.put("TWILIO_ACCOUNT_SID", "AC0123");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(withAccount::get).properties())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is");
        assertThat(dir.resolve("twilio-auth-token")).doesNotExist();
        assertThat(new SwitchboardEnvironment(keys::get).properties()).containsKey("switchboard.twilio.auth-token");
    }

    @Test
    void switchboard_bind_chooses_the_listening_address() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_BIND", "127.0.0.1");
        assertThat(new SwitchboardEnvironment(env::get).properties()).containsEntry("micronaut.server.host", "127.0.0.1");
        assertThat(new SwitchboardEnvironment(Map.of("SWITCHBOARD_DATA_DIR", dir.toString())::get).properties())
                .doesNotContainKey("micronaut.server.host");
    }

    @Test
    void the_server_runs_one_event_loop_per_core_unless_told_otherwise() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString());
        assertThat(new SwitchboardEnvironment(env::get).properties())
                .containsEntry("micronaut.netty.event-loops.default.num-threads", Runtime.getRuntime().availableProcessors());
        Map<String, String> three = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_EVENT_LOOPS", " 3 ");
        assertThat(new SwitchboardEnvironment(three::get).properties()).containsEntry("micronaut.netty.event-loops.default.num-threads", 3);
        for (var wrong : new String[] {"0", "-1", "four"}) {
            Map<String, String> bad = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_EVENT_LOOPS", wrong);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(bad::get).properties())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SWITCHBOARD_EVENT_LOOPS");
        }
    }

    @Test
    void a_log_format_other_than_text_or_json_refuses_to_start_instead_of_silencing_the_logs() {
        Map<String, String> env = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_LOG_FORMAT", "JSON");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SwitchboardEnvironment(env::get).properties())
                .isInstanceOf(IllegalStateException.class).hasMessage("SWITCHBOARD_LOG_FORMAT must be text or json (got 'JSON')");
        Map<String, String> json = Map.of("SWITCHBOARD_DATA_DIR", dir.toString(), "SWITCHBOARD_LOG_FORMAT", "json");
        assertThat(new SwitchboardEnvironment(json::get).properties()).isNotEmpty();
    }
}
