package dev.switchboard.llm;

import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;

/** A see-through vault: enough to prove the adapters open the tenant's sealed key. */
public final class TestVault implements SecretVault {
    @Override
    public SealedSecret seal(SecretOwner owner, String plaintext) {
        return new SealedSecret("sealed:" + owner.tenantId() + ":" + new StringBuilder(plaintext).reverse());
    }

    @Override
    public String open(SecretOwner owner, SealedSecret sealed) {
        var prefix = "sealed:" + owner.tenantId() + ":";
        if (!sealed.ciphertext().startsWith(prefix)) throw new IllegalStateException("not sealed by this vault for this tenant");
        return new StringBuilder(sealed.ciphertext().substring(prefix.length())).reverse().toString();
    }
}
