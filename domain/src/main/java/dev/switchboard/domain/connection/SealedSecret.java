package dev.switchboard.domain.connection;

import java.util.Objects;

/**
 * A secret as stored: ciphertext only a {@link SecretVault} can open. Its {@code toString}
 * never shows the content, so a secret cannot leak through a log line by accident.
 */
public record SealedSecret(String ciphertext) {
    public SealedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "SealedSecret[***]";
    }
}
