package dev.switchboard.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.shared.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

public class AesGcmSecretVaultTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString(filled(7));
    private static final SecretOwner ACME = new SecretOwner(TenantId.random(), Provider.TWILIO, "authToken");
    private final AesGcmSecretVault vault = new AesGcmSecretVault(KEY);

    private static byte[] filled(int value) {
        var bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void seals_with_a_fresh_nonce_and_opens_back() {
        var a = vault.seal(ACME, "auth-token-123");
        var b = vault.seal(ACME, "auth-token-123");
        assertThat(a.ciphertext()).startsWith("v2.").doesNotContain("auth-token-123").isNotEqualTo(b.ciphertext());
        assertThat(vault.open(ACME, a)).isEqualTo("auth-token-123");
        assertThat(vault.isCurrent(a)).isTrue();
        assertThat(a.toString()).isEqualTo("SealedSecret[***]");
    }

    /** Once, a row's ciphertext copied into another tenant's row opened there: nothing bound it to its owner. */
    @Test
    void a_secret_opens_only_for_its_tenant_provider_and_field() {
        var sealed = vault.seal(ACME, "auth-token-123");
        for (var other : new SecretOwner[] {new SecretOwner(TenantId.random(), Provider.TWILIO, "authToken"),
                new SecretOwner(ACME.tenantId(), Provider.VAPI, "authToken"), new SecretOwner(ACME.tenantId(), Provider.TWILIO, "apiKey")})
            assertThatThrownBy(() -> vault.open(other, sealed)).as(other.toString()).isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("auth-token-123");
    }

    @Test
    void tampering_or_another_key_fails_instead_of_returning_garbage() {
        var sealed = vault.seal(ACME, "auth-token-123");
        var dot = sealed.ciphertext().lastIndexOf('.');
        var bytes = Base64.getDecoder().decode(sealed.ciphertext().substring(dot + 1));
        bytes[bytes.length - 1] ^= 1;
        var tampered = new SealedSecret(sealed.ciphertext().substring(0, dot + 1) + Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> vault.open(ACME, tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AesGcmSecretVault(NEW_KEY).open(ACME, sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("auth-token-123");
    }

    @Test
    void after_a_rotation_the_previous_key_still_opens_until_resealed() {
        var old = vault.seal(ACME, "auth-token-123");
        var rotated = new AesGcmSecretVault(NEW_KEY, KEY);
        assertThat(rotated.open(ACME, old)).isEqualTo("auth-token-123");
        assertThat(rotated.isCurrent(old)).isFalse();
        var resealed = rotated.seal(ACME, "auth-token-123");
        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThatThrownBy(() -> vault.open(ACME, resealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_v1_form_of_earlier_versions_still_opens_and_is_not_current() throws Exception {
        var v1 = legacyV1(KEY, "auth-token-123");
        assertThat(vault.open(ACME, v1)).isEqualTo("auth-token-123");
        assertThat(vault.isCurrent(v1)).isFalse();
    }

    @Test
    void refuses_a_key_of_the_wrong_size() {
        assertThatThrownBy(() -> new AesGcmSecretVault(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    /** What earlier versions stored: {@code v1.} + base64(nonce ‖ ciphertext ‖ tag), no associated data. */
    public static SealedSecret legacyV1(String key, String plaintext) throws Exception {
        var nonce = new byte[12];
        new java.security.SecureRandom().nextBytes(nonce);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"), new GCMParameterSpec(128, nonce));
        var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return new SealedSecret("v1." + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array()));
    }
}
