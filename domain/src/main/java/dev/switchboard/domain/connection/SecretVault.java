package dev.switchboard.domain.connection;

/**
 * Encrypts secrets at rest (provider credentials). Implementations use authenticated encryption
 * bound to the secret's {@link SecretOwner}, so a tampered ciphertext, or one moved to another
 * tenant, provider or field, fails to open rather than yielding garbage or someone else's
 * credentials. Thread-safe.
 */
public interface SecretVault {
    SealedSecret seal(SecretOwner owner, String plaintext);

    /** @throws IllegalStateException if the ciphertext was not sealed for this owner with one of this vault's keys */
    String open(SecretOwner owner, SealedSecret sealed);

    /**
     * Whether {@code sealed} is in the current form under the current key; anything else (an
     * older format, a previous key) is re-sealed at start-up.
     */
    default boolean isCurrent(SealedSecret sealed) {
        return true;
    }
}
