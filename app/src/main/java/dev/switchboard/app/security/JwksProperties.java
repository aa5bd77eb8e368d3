package dev.switchboard.app.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The external identity provider, when {@code SWITCHBOARD_JWKS_URL} names one: the issuer and
 * audience its tokens must carry. Refuses to exist half-configured, whichever way the JWKS URL was
 * given (environment variable or Micronaut property).
 */
@Singleton
public final class JwksProperties {
    private final String issuer;
    private final String audience;

    JwksProperties(@Nullable @Value("${micronaut.security.token.jwt.signatures.jwks.external.url:}") String url,
                   @Nullable @Value("${switchboard.jwks.issuer:}") String issuer,
                   @Nullable @Value("${switchboard.jwks.audience:}") String audience) {
        boolean configured = url != null && !url.isBlank();
        this.issuer = blank(issuer) ? null : issuer.strip();
        this.audience = blank(audience) ? null : audience.strip();
        if (configured && (this.issuer == null || this.audience == null))
            throw new IllegalStateException("SWITCHBOARD_JWKS_ISSUER and SWITCHBOARD_JWKS_AUDIENCE must be set with SWITCHBOARD_JWKS_URL");
    }

    /** Whether an external identity provider is configured at all. */
    public boolean configured() {
        return issuer != null;
    }

    /** The {@code iss} its tokens carry, or null when none is configured. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} its tokens must name, or null when none is configured. */
    public String audience() {
        return audience;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
