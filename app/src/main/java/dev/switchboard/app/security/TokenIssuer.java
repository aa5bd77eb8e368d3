package dev.switchboard.app.security;

import dev.switchboard.domain.tenant.User;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Signs access tokens for our own users. Claims: {@code sub} = user id, {@code tenant} = tenant
 * id, {@code roles}, {@code email}. Tokens from an external identity provider (JWKS) must carry
 * the same {@code tenant} claim.
 */
@Singleton
public final class TokenIssuer {
    private final AccessRefreshTokenGenerator generator;

    TokenIssuer(AccessRefreshTokenGenerator generator) {
        this.generator = generator;
    }

    public AccessToken issue(User user) {
        var authentication = Authentication.build(user.id().toString(), List.of(user.role().name()),
                Map.of(Caller.TENANT_CLAIM, user.tenantId().toString(), "email", user.email()));
        var token = generator.generate(authentication)
                .orElseThrow(() -> new IllegalStateException("JWT signing is not configured"));
        return new AccessToken(token.getAccessToken(), token.getTokenType(), token.getExpiresIn());
    }
}
