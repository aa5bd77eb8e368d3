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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tokens of an external identity provider, verified against its JWKS, open the API of their tenant. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIdentityProviderE2eTest implements TestPropertyProvider {
    private final RSAKey providerKey = generate("idp-key-1");
    private final HttpServer jwks = serve(new JWKSet(providerKey.toPublicJWK()));

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.external.url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    void stop() {
        jwks.stop(0);
    }

    @Test
    void a_token_signed_by_the_identity_provider_works_and_a_foreign_one_does_not() throws Exception {
        var owner = new Api(server, json).newTenant("SSO tenant");
        var tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        var anonymous = new Api(server, json);

        var fromProvider = token(providerKey, tenantId);
        var answer = anonymous.as(fromProvider).get("/api/v1/tenant");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("id", tenantId).containsEntry("role", "admin");

        assertThat(anonymous.as(token(generate("idp-key-1"), tenantId)).get("/api/v1/tenant").status()).isEqualTo(401);
    }

    private static String token(RSAKey key, String tenantId) throws Exception {
        var claims = new JWTClaimsSet.Builder().subject("sso-user-42").claim("tenant", tenantId).claim("roles", List.of("ADMIN"))
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
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
