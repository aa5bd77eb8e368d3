package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.app.Api;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tokens of an external identity provider, verified against its JWKS, open the API only when they
 * come from the configured issuer, are meant for us (audience), have not expired, and their subject
 * is linked to one of our users — who then acts with its own tenant and role, not the token's claims.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIdentityProviderE2eTest implements TestPropertyProvider {
    private static final String ISSUER = "https://idp.example.com/";
    private static final String AUDIENCE = "switchboard-api";
    private final RSAKey providerKey = generate("idp-key-1");
    private final HttpServer jwks = serve(new JWKSet(providerKey.toPublicJWK()));

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.external.url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json",
                "switchboard.jwks.issuer", ISSUER, "switchboard.jwks.audience", AUDIENCE);
    }

    @AfterAll
    void stop() {
        jwks.stop(0);
    }

    @Test
    void a_linked_subject_signs_in_as_its_user_whatever_the_token_claims() throws Exception {
        var owner = new Api(server, json).newTenant("SSO tenant");
        var tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        var other = new Api(server, json).newTenant("Someone else");
        var otherTenant = (String) other.get("/api/v1/tenant").json().get("id");
        var anonymous = new Api(server, json);
        var subject = "auth0|sso-user-" + UUID.randomUUID();

        var claimingOwnership = token(providerKey, claims(subject).claim("tenant", tenantId).claim("roles", List.of("OWNER")));
        assertThat(anonymous.as(claimingOwnership).get("/api/v1/tenant").status())
                .as("a tenant claim alone makes no one an owner").isEqualTo(401);

        var linked = owner.post("/api/v1/external-identities", Map.of("subject", subject));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        assertThat(linked.json()).containsEntry("issuer", ISSUER).containsEntry("subject", subject);
        assertThat(owner.get("/api/v1/external-identities").list()).extracting(l -> l.get("subject")).containsExactly(subject);
        assertThat(other.post("/api/v1/external-identities", Map.of("subject", subject)).status())
                .as("a subject signs in as one user only").isEqualTo(409);
        assertThat(other.get("/api/v1/external-identities").list()).isEmpty();

        var elsewhere = token(providerKey, claims(subject).claim("tenant", otherTenant).claim("roles", List.of("MEMBER")));
        var answer = anonymous.as(elsewhere).get("/api/v1/tenant");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("id", tenantId).containsEntry("role", "owner");

        assertThat(anonymous.as(token(providerKey, claims(subject).issuer("https://evil.example.com/"))).get("/api/v1/tenant").status())
                .as("another issuer").isEqualTo(401);
        assertThat(anonymous.as(token(providerKey, claims(subject).audience("some-other-app"))).get("/api/v1/tenant").status())
                .as("another audience").isEqualTo(401);
        assertThat(anonymous.as(token(providerKey, claims(subject).expirationTime(null))).get("/api/v1/tenant").status())
                .as("no expiry").isEqualTo(401);
        var expired = token(providerKey, claims(subject).expirationTime(new Date(System.currentTimeMillis() - 60_000)));
        assertThat(anonymous.as(expired).get("/api/v1/tenant").status()).as("expired").isEqualTo(401);
        assertThat(anonymous.as(token(generate("idp-key-1"), claims(subject))).get("/api/v1/tenant").status())
                .as("signed with a key the provider does not publish").isEqualTo(401);

        assertThat(other.delete("/api/v1/external-identities/" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8))
                .status()).as("another tenant cannot unlink it").isEqualTo(404);
        assertThat(owner.delete("/api/v1/external-identities/" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8))
                .status()).isEqualTo(204);
        assertThat(anonymous.as(elsewhere).get("/api/v1/tenant").status()).as("unlinked").isEqualTo(401);
    }

    @Test
    void linking_names_bad_fields_and_foreign_users() {
        var owner = new Api(server, json).newTenant("SSO tenant");
        assertThat(owner.post("/api/v1/external-identities", Map.of("userId", "not-a-uuid")).json().get("errors")).asList()
                .extracting("field").containsExactlyInAnyOrder("subject", "userId");
        var stranger = (String) new Api(server, json).newTenant("Stranger").get("/api/v1/tenant").json().get("id");
        var foreign = owner.post("/api/v1/external-identities", Map.of("subject", "x", "userId", stranger));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors")).asList().extracting("field").containsExactly("userId");
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    private static String token(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serve(JWKSet set) {
        try {
            var http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var body = set.toString().getBytes(StandardCharsets.UTF_8);
            http.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            return http;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
