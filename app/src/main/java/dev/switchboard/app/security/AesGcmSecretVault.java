package dev.switchboard.app.security;

import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretVault;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per secret. Stored form: {@code v1.<base64(nonce ‖
 * ciphertext ‖ tag)>}; the version prefix leaves room for key rotation.
 */
@Singleton
final class AesGcmSecretVault implements SecretVault {
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    AesGcmSecretVault(@Value("${switchboard.master-key}") String masterKey) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(masterKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SWITCHBOARD_MASTER_KEY must be base64 (32 random bytes: openssl rand -base64 32)");
        }
        if (bytes.length != 32) throw new IllegalStateException("SWITCHBOARD_MASTER_KEY must decode to 32 bytes, not " + bytes.length);
        this.key = new SecretKeySpec(bytes, "AES");
    }

    @Override
    public SealedSecret seal(String plaintext) {
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new SealedSecret(PREFIX + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(SealedSecret sealed) {
        var text = sealed.ciphertext();
        if (!text.startsWith(PREFIX)) throw new IllegalStateException("unknown secret format");
        try {
            var bytes = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret cannot be opened with this master key (was SWITCHBOARD_MASTER_KEY changed?)");
        }
    }
}
