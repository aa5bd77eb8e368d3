package dev.switchboard.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.connection.SealedSecret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretVaultTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final AesGcmSecretVault vault = new AesGcmSecretVault(KEY);

    @Test
    void seals_with_a_fresh_nonce_and_opens_back() {
        var a = vault.seal("auth-token-123");
        var b = vault.seal("auth-token-123");
        assertThat(a.ciphertext()).startsWith("v1.").doesNotContain("auth-token-123").isNotEqualTo(b.ciphertext());
        assertThat(vault.open(a)).isEqualTo("auth-token-123");
        assertThat(a.toString()).isEqualTo("SealedSecret[***]");
    }

    @Test
    void tampering_or_another_key_fails_instead_of_returning_garbage() {
        var sealed = vault.seal("auth-token-123");
        var bytes = Base64.getDecoder().decode(sealed.ciphertext().substring(3));
        bytes[bytes.length - 1] ^= 1;
        var tampered = new SealedSecret("v1." + Base64.getEncoder().encodeToString(bytes));
        assertThatThrownBy(() -> vault.open(tampered)).isInstanceOf(IllegalStateException.class);
        var otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new AesGcmSecretVault(Base64.getEncoder().encodeToString(otherKey)).open(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("auth-token-123");
    }

    @Test
    void refuses_a_key_of_the_wrong_size() {
        assertThatThrownBy(() -> new AesGcmSecretVault(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
