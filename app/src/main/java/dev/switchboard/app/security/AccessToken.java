package dev.switchboard.app.security;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The OAuth 2 style answer to a login: a bearer token and how many seconds it lives. */
@Serdeable
@Schema(name = "AccessToken", requiredProperties = {"access_token", "token_type", "expires_in"})
public record AccessToken(
        @Schema(example = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI...") @JsonProperty("access_token") String accessToken,
        @Schema(example = "Bearer") @JsonProperty("token_type") String tokenType,
        @Schema(description = "seconds the token lives", example = "3600") @JsonProperty("expires_in") Integer expiresIn) {}
