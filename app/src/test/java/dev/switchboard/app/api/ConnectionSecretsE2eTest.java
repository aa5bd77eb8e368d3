package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.app.Api;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Secrets go in sealed, are stored encrypted, and never come back out of the API or into a log. */
@MicronautTest
class ConnectionSecretsE2eTest {
    private static final String AUTH_TOKEN = "twilio-auth-token-7f3a9c";
    private static final String VAPI_KEY = "vapi-private-key-51be2d";
    private static final String WEBHOOK_SECRET = "vapi-webhook-secret-0c4e1a";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Inject
    ConnectionRepository connections;

    @Inject
    SecretVault vault;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Api owner;

    @BeforeEach
    void capture_logs() {
        logs.start();
        root().addAppender(logs);
        owner = new Api(server, json).newTenant("Salon");
    }

    @AfterEach
    void stop_capturing() {
        root().detachAppender(logs);
    }

    @Test
    void secrets_are_write_only_encrypted_at_rest_and_never_logged() throws SQLException {
        var answers = new ArrayList<Api.Answer>();
        answers.add(owner.put("/api/v1/connections/twilio", Map.of("accountSid", "AC0123456789", "authToken", AUTH_TOKEN)));
        answers.add(owner.put("/api/v1/connections/vapi", Map.of("apiKey", VAPI_KEY, "webhookSecret", WEBHOOK_SECRET)));
        answers.add(owner.get("/api/v1/connections"));
        answers.add(owner.get("/api/v1/connections/twilio"));
        answers.add(owner.get("/api/v1/connections/vapi"));
        answers.add(owner.put("/api/v1/connections/openai", Map.of("apiKey", 42)));

        assertThat(answers.get(3).json()).containsEntry("provider", "twilio").containsEntry("configured", true)
                .containsEntry("settings", Map.of("accountSid", "AC0123456789")).containsEntry("secretsSet", List.of("authToken"));
        assertThat(answers.get(4).json()).containsEntry("secretsSet", List.of("apiKey", "webhookSecret"));
        assertThat(answers.get(5).status()).isEqualTo(400);
        for (var answer : answers)
            assertThat(answer.raw()).doesNotContain(AUTH_TOKEN, VAPI_KEY, WEBHOOK_SECRET);

        var tenant = TenantId.parse((String) owner.get("/api/v1/tenant").json().get("id"));
        var rows = rawConnectionRows(tenant);
        assertThat(rows).hasSize(2);
        for (var row : rows) assertThat(row).doesNotContain(AUTH_TOKEN, VAPI_KEY, WEBHOOK_SECRET);

        var stored = connections.find(tenant, Provider.TWILIO).orElseThrow();
        assertThat(vault.open(dev.switchboard.domain.connection.SecretOwner.of(stored, "authToken"), stored.secrets().get("authToken")))
                .isEqualTo(AUTH_TOKEN);

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains("saved its twilio connection"));
        for (var event : logs.list)
            assertThat(event.getFormattedMessage()).doesNotContain(AUTH_TOKEN, VAPI_KEY, WEBHOOK_SECRET);
    }

    @Test
    void unknown_providers_are_404_and_missing_fields_are_named() {
        assertThat(owner.put("/api/v1/connections/myspace", Map.of("apiKey", "x")).status()).isEqualTo(404);
        assertThat(AssistantApiE2eTest.fields(owner.put("/api/v1/connections/twilio", Map.of("accountSid", "XY1"))))
                .containsExactlyInAnyOrder("authToken", "accountSid");
        assertThat(owner.get("/api/v1/connections").list()).isEmpty();
    }

    private List<String> rawConnectionRows(TenantId tenant) throws SQLException {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var statement = connection.prepareStatement("SELECT c::text FROM connections c WHERE tenant_id = ?")) {
            statement.setObject(1, tenant.value());
            var rows = new ArrayList<String>();
            try (var result = statement.executeQuery()) {
                while (result.next()) rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
