package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretVault;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's provider credentials. Write-only for secrets: they are sealed on arrival and the
 * API only ever says which secret fields are set, never their value.
 */
@Controller("/api/v1/connections")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionController {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionController.class);
    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final JsonMapper json;
    private final Clock clock;

    ConnectionController(ConnectionRepository connections, SecretVault vault, JsonMapper json, Clock clock) {
        this.connections = connections;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
    }

    /** A connection as shown back: its non-secret settings and the names of the secrets it holds. */
    @Serdeable
    record ConnectionView(String provider, boolean configured, Map<String, String> settings, List<String> secretsSet, Instant updatedAt) {
        static ConnectionView of(Connection c) {
            return new ConnectionView(c.provider().wireName(), true, c.settings(), List.copyOf(new TreeSet<>(c.secrets().keySet())), c.updatedAt());
        }
    }

    @Get
    List<ConnectionView> list(Authentication auth) {
        return connections.list(Caller.of(auth).tenantId()).stream().map(ConnectionView::of).toList();
    }

    @Get("/{provider}")
    ConnectionView get(Authentication auth, String provider) {
        var tenant = Caller.of(auth).tenantId();
        return connections.find(tenant, provider(provider)).map(ConnectionView::of)
                .orElseThrow(() -> NotFound.of("connection", provider));
    }

    /**
     * Body per provider — twilio: {accountSid, authToken}; vapi: {apiKey, webhookSecret};
     * anthropic / openai / google: {apiKey}. Replaces any previous connection.
     */
    @Put(uri = "/{provider}", consumes = MediaType.APPLICATION_JSON)
    ConnectionView put(Authentication auth, String provider, @Body String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var which = provider(provider);
        var body = JsonBody.parse(json, raw);
        var settings = new HashMap<String, String>();
        for (var field : which.settings()) settings.put(field, body.text(field, true));
        var clear = new HashMap<String, String>();
        for (var field : which.secrets()) clear.put(field, body.text(field, true));
        if (which == Provider.TWILIO && settings.get("accountSid") != null && !settings.get("accountSid").startsWith("AC"))
            body.reject("accountSid", "a Twilio account SID starts with AC");
        body.validate();
        var sealed = new HashMap<String, SealedSecret>();
        clear.forEach((field, value) -> sealed.put(field, vault.seal(value)));
        var connection = new Connection(tenant, which, settings, sealed, clock.instant());
        connections.save(connection);
        LOG.info("tenant {} saved its {} connection (settings {}, secrets {})", tenant, which.wireName(),
                settings, connection.secrets().keySet());
        return ConnectionView.of(connection);
    }

    @Delete("/{provider}")
    HttpResponse<Void> delete(Authentication auth, String provider) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!connections.delete(tenant, provider(provider))) throw NotFound.of("connection", provider);
        return HttpResponse.noContent();
    }

    private static Provider provider(String name) {
        return Provider.parse(name).orElseThrow(() -> NotFound.of("provider", name));
    }
}
