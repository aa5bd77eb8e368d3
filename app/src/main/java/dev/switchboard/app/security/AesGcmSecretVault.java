package dev.switchboard.app.security;

import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per secret, bound to its {@link SecretOwner} as
 * associated data (tenant, provider, field): a ciphertext copied into another tenant's row opens
 * nowhere. Stored form: {@code v2.<key id>.<base64(nonce ‖ ciphertext ‖ tag)>}; the key id (a
 * hash of the key, not the key) says which master key sealed it, so during a key rotation the
 * previous key ({@code SWITCHBOARD_PREVIOUS_MASTER_KEY}) still opens what it sealed until
 * {@link SecretResealer} has re-sealed everything with the current one. The {@code v1.} form of
 * earlier versions (no associated data) still opens, for that re-sealing only.
 */
@Singleton
final class AesGcmSecretVault implements SecretVault {
    private static final String V1 = "v1.";
    private static final String V2 = "v2.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final String currentId;
    /** By key id, the current key first. */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Inject
    AesGcmSecretVault(@Value("${switchboard.master-key}") String masterKey,
                      @Value("${switchboard.previous-master-key:}") String previousMasterKey) {
        var current = key(masterKey, "SWITCHBOARD_MASTER_KEY");
        this.currentId = id(current);
        keys.put(currentId, current);
        if (previousMasterKey != null && !previousMasterKey.isBlank()) {
            var previous = key(previousMasterKey, "SWITCHBOARD_PREVIOUS_MASTER_KEY");
            keys.putIfAbsent(id(previous), previous);
        }
    }

    AesGcmSecretVault(String masterKey) {
        this(masterKey, null);
    }

    @Override
    public SealedSecret seal(SecretOwner owner, String plaintext) {
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new SealedSecret(V2 + currentId + "." + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String open(SecretOwner owner, SealedSecret sealed) {
        var text = sealed.ciphertext();
        if (text.startsWith(V2)) {
            var dot = text.indexOf('.', V2.length());
            var key = dot < 0 ? null : keys.get(text.substring(V2.length(), dot));
            if (key == null)
                throw new IllegalStateException("secret was sealed with a master key this server does not have "
                        + "(set SWITCHBOARD_PREVIOUS_MASTER_KEY to the key it had before a rotation)");
            return decrypt(key, text.substring(dot + 1), associatedData(owner));
        }
        if (text.startsWith(V1)) {
            // Earlier versions: no associated data, key unnamed. Any of our keys may have sealed it.
            for (var key : keys.values()) {
                try {
                    return decrypt(key, text.substring(V1.length()), null);
                } catch (IllegalStateException tryTheNextKey) {
                    // falls through to the next key
                }
            }
        }
        throw new IllegalStateException("secret cannot be opened with this master key (was SWITCHBOARD_MASTER_KEY changed?)");
    }

    @Override
    public boolean isCurrent(SealedSecret sealed) {
        return sealed.ciphertext().startsWith(V2 + currentId + ".");
    }

    private static String decrypt(SecretKeySpec key, String base64, byte[] associatedData) {
        try {
            var bytes = Base64.getDecoder().decode(base64);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            if (associatedData != null) cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret cannot be opened with this master key, or not for this tenant, provider and field");
        }
    }

    /** Length-prefixed parts, so no two owners share an encoding. */
    private static byte[] associatedData(SecretOwner owner) {
        var parts = new String[] {"switchboard-secret-v2", owner.tenantId().value().toString(), owner.provider().name(), owner.field()};
        var out = new java.io.ByteArrayOutputStream();
        for (var part : parts) {
            var bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static SecretKeySpec key(String base64, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64 (32 random bytes: openssl rand -base64 32)");
        }
        if (bytes.length != 32) throw new IllegalStateException(name + " must decode to 32 bytes, not " + bytes.length);
        return new SecretKeySpec(bytes, "AES");
    }

    /** A short public name of a key: 9 bytes of SHA-256 over a label and the key. */
    private static String id(SecretKeySpec key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update("switchboard master key id".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(key.getEncoded()), 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
