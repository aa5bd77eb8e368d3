package dev.switchboard.domain.connection;

/**
 * Encrypts secrets at rest (provider credentials). Implementations use authenticated encryption
 * so a tampered ciphertext fails to open rather than yielding garbage. Thread-safe.
 */
public interface SecretVault {
    SealedSecret seal(String plaintext);

    /** @throws IllegalStateException if the ciphertext was not sealed with this vault's key */
    String open(SealedSecret sealed);
}
