package dev.switchboard.twilio.config;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * The address Twilio uses to reach us ({@code SWITCHBOARD_PUBLIC_URL}). Signatures are computed
 * over it, never over what the request looks like behind a proxy or tunnel.
 */
@Singleton
public final class PublicUrl {
    private final String base;

    PublicUrl(@Value("${switchboard.public-url}") String base) {
        var uri = URI.create(base.strip());
        if (uri.getScheme() == null || uri.getHost() == null)
            throw new IllegalStateException("SWITCHBOARD_PUBLIC_URL must be an absolute http(s) URL: " + base);
        this.base = base.strip().replaceAll("/+$", "");
    }

    /** e.g. {@code https://voice.example.com/webhooks/twilio/voice} */
    public String http(String path) {
        return base + path;
    }

    /** The same address as a WebSocket URL: https → wss, http → ws. */
    public String websocket(String pathAndQuery) {
        return base.replaceFirst("^http", "ws") + pathAndQuery;
    }
}
