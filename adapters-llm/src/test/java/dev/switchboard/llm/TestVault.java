package dev.switchboard.llm;

import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretVault;

/** A see-through vault: enough to prove the adapters open the tenant's sealed key. */
public final class TestVault implements SecretVault {
    @Override
    public SealedSecret seal(String plaintext) {
        return new SealedSecret("sealed:" + new StringBuilder(plaintext).reverse());
    }

    @Override
    public String open(SealedSecret sealed) {
        if (!sealed.ciphertext().startsWith("sealed:")) throw new IllegalStateException("not sealed by this vault");
        return new StringBuilder(sealed.ciphertext().substring(7)).reverse().toString();
    }
}
