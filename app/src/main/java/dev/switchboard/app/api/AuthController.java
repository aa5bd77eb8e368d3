package dev.switchboard.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.ProblemAnswers;
import dev.switchboard.app.security.AccessToken;
import dev.switchboard.app.security.ClientAddress;
import dev.switchboard.app.security.HashingSlots;
import dev.switchboard.app.security.LoginThrottle;
import dev.switchboard.app.security.PasswordHasher;
import dev.switchboard.app.security.SignUp;
import dev.switchboard.app.security.SignUpThrottle;
import dev.switchboard.app.security.TokenIssuer;
import dev.switchboard.domain.tenant.User;
import dev.switchboard.domain.tenant.UserRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/** Sign-up (a new tenant and its owner) and login (e-mail + password → bearer token). */
@Controller("/api/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Sign-up and login")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuthController {
    private static final int MIN_PASSWORD = 10;
    private final JsonMapper json;
    private final SignUp signUp;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final SignUpThrottle signUpThrottle;
    private final HashingSlots hashing;
    private final ClientAddress clientAddress;
    private final boolean signupEnabled;
    /** Compared against when the e-mail is unknown, so both failures take the same time. */
    private final String decoyHash;

    AuthController(JsonMapper json, SignUp signUp, UserRepository users, PasswordHasher hasher, TokenIssuer tokens,
                   LoginThrottle throttle, SignUpThrottle signUpThrottle, HashingSlots hashing, ClientAddress clientAddress,
                   @Value("${switchboard.signup.enabled:false}") boolean signupEnabled) {
        this.throttle = throttle;
        this.signUpThrottle = signUpThrottle;
        this.hashing = hashing;
        this.clientAddress = clientAddress;
        this.json = json;
        this.signUp = signUp;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.signupEnabled = signupEnabled;
        this.decoyHash = hasher.hash("decoy-password-never-used");
    }

    /** The body of {@code POST /signup}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "SignUpRequest")
    record SignUpRequest(@Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 200, example = "Salon Lumière") String tenantName,
                         @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 320, example = "owner@salon-lumiere.fr") String email,
                         @Schema(requiredMode = RequiredMode.REQUIRED, minLength = MIN_PASSWORD, maxLength = 1000, example = "correct horse battery")
                         String password,
                         @Schema(description = "IANA timezone; default UTC", example = "Europe/Paris") String timezone) {}

    /** The body of {@code POST /auth/login}, for the OpenAPI document. */
    @Schema(name = "LoginRequest")
    record LoginRequest(@Schema(requiredMode = RequiredMode.REQUIRED, example = "owner@salon-lumiere.fr") String email,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "correct horse battery") String password) {}

    /**
     * Creates a tenant and its owner, and answers 201 with a token for the owner. 403 when sign-up is
     * switched off on this server; 409 when the e-mail already has an account.
     */
    @Post(uri = "/signup", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "signUp", summary = "Sign up: a new tenant, its owner, and a bearer token")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.Conflict
    @ProblemAnswers.TooMany
    SignedUp signup(HttpRequest<?> request,
                    @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SignUpRequest.class))) String raw) {
        if (!signupEnabled) throw new HttpStatusException(HttpStatus.FORBIDDEN, "sign-up is switched off on this server");
        var body = JsonBody.parse(json, raw);
        var tenantName = body.text("tenantName", true, 200);
        var email = body.convert("email", body.text("email", true, 320), User::normalizeEmail);
        var password = body.text("password", true, 1_000);
        if (password != null && password.length() < MIN_PASSWORD)
            body.reject("password", "must be at least " + MIN_PASSWORD + " characters");
        var timezone = body.convert("timezone", body.text("timezone", false), AuthController::zone);
        body.validate();
        signUpThrottle.reserve(clientAddress.of(request)).ifPresent(wait -> {
            throw tooMany("too many sign-ups from your address; try again in ", wait);
        });
        try {
            var command = new SignUp.Command(tenantName, timezone == null ? ZoneId.of("UTC") : timezone, email, password);
            var owner = hashing.run(() -> signUp.signUp(command));
            var token = tokens.issue(owner);
            return new SignedUp(owner.tenantId().toString(), owner.id().toString(), owner.email(),
                    token.accessToken(), token.tokenType(), token.expiresIn());
        } catch (UserRepository.EmailAlreadyUsed e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "email: this e-mail address already has an account");
        }
    }

    /**
     * Answers {access_token, token_type, expires_in}, 401, 429 after repeated failures (see
     * {@link LoginThrottle}), or 503 when too many passwords are being checked at once.
     */
    @Post(uri = "/auth/login", consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "logIn", summary = "Log in with e-mail and password for a bearer token")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Unauthorized
    @ProblemAnswers.TooMany
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503", description = "Too many passwords being checked at once; try again",
            content = @Content(mediaType = dev.switchboard.app.api.problem.Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = dev.switchboard.app.api.problem.Problem.class)))
    AccessToken login(HttpRequest<?> request,
                      @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LoginRequest.class))) String raw) {
        var body = JsonBody.parse(json, raw);
        var email = body.text("email", true, 320);
        var password = body.text("password", true, 1_000);
        body.validate();
        var decision = throttle.reserve(email, clientAddress.of(request));
        if (decision instanceof LoginThrottle.Decision.Wait wait) throw tooMany("too many failed logins; try again in ", wait.retryAfter());
        var attempt = ((LoginThrottle.Decision.Go) decision).attempt();
        User user;
        try {
            user = hashing.run(() -> check(email, password));
        } catch (HttpStatusException busy) {
            attempt.abandoned();
            throw busy;
        }
        if (user == null) throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "wrong e-mail or password");
        attempt.succeeded();
        return tokens.issue(user);
    }

    /** The user whose password this is, or null; as slow for an unknown e-mail as for a wrong password. */
    private User check(String email, String password) {
        User user = null;
        try {
            user = users.findByEmail(email).orElse(null);
        } catch (IllegalArgumentException notAnEmail) {
            // Same answer as a wrong password: a login never says which part was wrong.
        }
        boolean matches = hasher.matches(password, user == null ? decoyHash : user.passwordHash());
        return user != null && matches ? user : null;
    }

    private static HttpStatusException tooMany(String message, Duration wait) {
        return new HttpStatusException(HttpStatus.TOO_MANY_REQUESTS, message + Math.max(1, (wait.toSeconds() + 59) / 60) + " minute(s)");
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a timezone (use an IANA name such as Europe/Paris): " + text);
        }
    }

    /** What sign-up answers: the new ids and a token to start with. */
    @Serdeable
    @Schema(name = "SignedUp", requiredProperties = {"tenantId", "userId", "email", "access_token", "token_type", "expires_in"})
    record SignedUp(@Schema(example = "0b9f7c1e-3c55-4a8e-9a51-2f3d5b7c9e11") String tenantId,
                    @Schema(example = "5d0c2a4e-8f61-4b3a-b2c7-1e9d8f7a6b54") String userId,
                    @Schema(example = "owner@salon-lumiere.fr") String email,
                    @Schema(example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI...") @JsonProperty("access_token") String accessToken,
                    @Schema(example = "Bearer") @JsonProperty("token_type") String tokenType,
                    @Schema(description = "seconds the token lives", example = "3600") @JsonProperty("expires_in") Integer expiresIn) {}
}
