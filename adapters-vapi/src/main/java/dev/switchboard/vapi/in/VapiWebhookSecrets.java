package dev.switchboard.vapi.in;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.VapiCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;

/**
 * Checks the secret Vapi presents ({@code X-Vapi-Secret}, or a bearer token) against the
 * tenant's webhook secret, in constant time. A tenant without one accepts nothing.
 */
public final class VapiWebhookSecrets {
    private final VapiCredentials credentials;

    public VapiWebhookSecrets(VapiCredentials credentials) {
        this.credentials = credentials;
    }

    public boolean accepts(TenantId tenant, Collection<String> presented) {
        if (tenant == null || presented == null || presented.isEmpty()) return false;
        var expected = credentials.webhookSecret(tenant);
        if (expected.isEmpty()) return false;
        var want = expected.get().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (var candidate : presented)
            if (candidate != null) ok |= MessageDigest.isEqual(want, candidate.getBytes(StandardCharsets.UTF_8));
        return ok;
    }
}
