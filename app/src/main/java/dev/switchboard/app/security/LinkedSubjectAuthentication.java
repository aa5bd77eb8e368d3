package dev.switchboard.app.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.domain.tenant.ExternalIdentityRepository;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified token into who is calling. Our own tokens (HMAC-signed with
 * {@code SWITCHBOARD_JWT_SECRET}; only we hold it) carry the claims we wrote and are read as such.
 * Any other token was verified with the external provider's JWKS: it must come from the
 * configured issuer, name our audience and carry an expiry, and its subject must be linked to one
 * of our users ({@link ExternalIdentityRepository}); the caller is then that user — its tenant and
 * role — whatever {@code tenant} or {@code roles} the token claims. Otherwise: no authentication (401).
 *
 * <p>Runs where Micronaut validates tokens (its blocking executor by default), so the link lookup
 * does not block the event loop.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class LinkedSubjectAuthentication implements JwtAuthenticationFactory {
    private static final Logger LOG = LoggerFactory.getLogger(LinkedSubjectAuthentication.class);
    private final DefaultJwtAuthenticationFactory ours;
    private final JwksProperties provider;
    private final ExternalIdentityRepository links;
    private final Clock clock;

    LinkedSubjectAuthentication(TokenConfiguration tokens, RolesFinder roles, JwksProperties provider,
                                ExternalIdentityRepository links, Clock clock) {
        this.ours = new DefaultJwtAuthenticationFactory(tokens, roles);
        this.provider = provider;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        if (token instanceof SignedJWT signed && JWSAlgorithm.Family.HMAC_SHA.contains(signed.getHeader().getAlgorithm()))
            return ours.createAuthentication(token);
        if (!provider.configured()) return Optional.empty();
        try {
            var claims = token.getJWTClaimsSet();
            if (!provider.issuer().equals(claims.getIssuer())) return refuse("issuer " + claims.getIssuer());
            if (claims.getAudience() == null || !claims.getAudience().contains(provider.audience()))
                return refuse("audience " + claims.getAudience());
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant()))
                return refuse("no expiry or expired");
            var subject = claims.getSubject();
            if (subject == null || subject.isBlank()) return refuse("no subject");
            var user = links.userFor(provider.issuer(), subject);
            if (user.isEmpty()) {
                LOG.info("a valid token of the identity provider for subject {} was refused: no user is linked to it "
                        + "(an owner links it with POST /api/v1/external-identities)", subject);
                return Optional.empty();
            }
            var u = user.get();
            return Optional.of(Authentication.build(u.id().toString(), List.of(u.role().name()),
                    Map.of(Caller.TENANT_CLAIM, u.tenantId().toString(), "email", u.email(), "externalSubject", subject)));
        } catch (ParseException e) {
            return refuse("unreadable claims");
        }
    }

    private static Optional<Authentication> refuse(String why) {
        LOG.debug("external token refused: {}", why);
        return Optional.empty();
    }
}
