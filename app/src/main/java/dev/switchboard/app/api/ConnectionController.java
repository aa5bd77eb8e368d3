package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyResult;
import io.micronaut.context.annotation.Value;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * A tenant's provider credentials. Write-only for secrets: they are sealed on arrival and the
 * API only ever says which secret fields are set, never their value.
 */
@Controller("/api/v1/connections")
@Tag(name = "Connections")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionController {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionController.class);
    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final JsonMapper json;
    private final Clock clock;
    private final Telephony telephony;
    private final boolean verifyTwilio;

    ConnectionController(ConnectionRepository connections, SecretVault vault, JsonMapper json, Clock clock, Telephony telephony,
                         @Value("${switchboard.twilio.verify-connections:true}") boolean verifyTwilio) {
        this.connections = connections;
        this.vault = vault;
        this.json = json;
        this.clock = clock;
        this.telephony = telephony;
        this.verifyTwilio = verifyTwilio;
    }

    /** A connection as shown back: its non-secret settings and the names of the secrets it holds. */
    /** The body of {@code PUT /connections/{provider}}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "ConnectionRequest", description = "twilio: accountSid and authToken; vapi: apiKey and webhookSecret; "
            + "anthropic, openai, google: apiKey. Fields of other providers are refused. Secrets are write-only.")
    record ConnectionRequest(@Schema(description = "twilio", example = "AC0123456789abcdef0123456789abcdef") String accountSid,
                             @Schema(description = "twilio (secret)", example = "your-auth-token") String authToken,
                             @Schema(description = "vapi, anthropic, openai, google (secret)", example = "sk-…") String apiKey,
                             @Schema(description = "vapi (secret)") String webhookSecret) {}

    @Serdeable
    @Schema(name = "Connection", requiredProperties = {"provider", "configured", "settings", "secretsSet"})
    record ConnectionView(@Schema(example = "twilio") String provider, boolean configured,
                          @Schema(description = "the settings that are not secret") Map<String, String> settings,
                          @Schema(description = "which secrets are stored; their values are never shown") List<String> secretsSet,
                          @Schema(example = "2026-03-02T09:00:00Z") Instant updatedAt) {
        static ConnectionView of(Connection c) {
            return new ConnectionView(c.provider().wireName(), true, c.settings(), List.copyOf(new TreeSet<>(c.secrets().keySet())), c.updatedAt());
        }
    }

    @Get
    @Operation(operationId = "listConnections", summary = "The tenant's provider connections (secrets never shown)")
    List<ConnectionView> list(Authentication auth) {
        return connections.list(Caller.of(auth).tenantId()).stream().map(ConnectionView::of).toList();
    }

    @Get("/{provider}")
    @Operation(operationId = "getConnection", summary = "One provider's connection: twilio, vapi, anthropic, openai or google")
    @ProblemAnswers.NotFound
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
    @Operation(operationId = "putConnection", summary = "Set a provider's credentials (Twilio's are verified with Twilio first)")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    @ProblemAnswers.Upstream
    ConnectionView put(Authentication auth, String provider,
                       @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConnectionRequest.class))) String raw) {
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
        if (which == Provider.TWILIO && verifyTwilio) verifyWithTwilio(tenant, settings.get("accountSid"), clear.get("authToken"));
        var sealed = new HashMap<String, SealedSecret>();
        clear.forEach((field, value) -> sealed.put(field, vault.seal(new SecretOwner(tenant, which, field), value)));
        var connection = new Connection(tenant, which, settings, sealed, clock.instant());
        connections.save(connection);
        LOG.info("tenant {} saved its {} connection (settings {}, secrets {})", tenant, which.wireName(),
                settings, connection.secrets().keySet());
        return ConnectionView.of(connection);
    }

    @Delete("/{provider}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteConnection", summary = "Forget a provider's credentials")
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    void delete(Authentication auth, String provider) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!connections.delete(tenant, provider(provider))) throw NotFound.of("connection", provider);
    }

    /**
     * A Twilio token validates the tenant's webhooks and acts in its account, so only a pair that
     * Twilio itself accepts for an active account is stored (docs/security.md, "Twilio connection
     * verified"). Twilio refusing → 400 naming the field; Twilio unreachable → 502; either way
     * nothing is stored and a previous connection stays as it was.
     */
    private void verifyWithTwilio(TenantId tenant, String accountSid, String authToken) {
        TelephonyResult<dev.switchboard.domain.telephony.AccountCheck> check;
        try {
            check = telephony.verifyCredentials(tenant, accountSid, authToken);
        } catch (PortFailure e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE,
                    "Twilio could not be reached to verify the credentials, so nothing was stored; try again (" + e.getMessage() + ")", e);
        }
        if (check instanceof TelephonyResult.Refused<?> refused) {
            var refusal = refused.refusal();
            if (refusal.httpStatus() == 401)
                throw new InvalidInput(List.of(new FieldError("authToken", "Twilio does not accept this auth token for account " + accountSid
                        + " (" + refusal + "); nothing was stored")));
            throw new InvalidInput(List.of(new FieldError("accountSid", "Twilio refused account " + accountSid + " with this auth token ("
                    + refusal + "); nothing was stored")));
        }
        var account = check.orElseThrow();
        if (!account.active())
            throw new InvalidInput(List.of(new FieldError("accountSid", "Twilio says account " + accountSid + " is " + account.status()
                    + "; only an active account can take calls. Nothing was stored")));
    }

    private static Provider provider(String name) {
        return Provider.parse(name).orElseThrow(() -> NotFound.of("provider", name));
    }
}
