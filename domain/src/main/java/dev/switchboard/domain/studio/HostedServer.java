package dev.switchboard.domain.studio;

/**
 * Where Vapi posts server messages for an assistant, a tool or a number, and the shared secret
 * it sends along: Vapi puts {@code secret} in an {@code X-Vapi-Secret} header on every request
 * (PROTOCOLS.md §8.2, static server headers), which our webhook checks. Never printed.
 */
public record HostedServer(String url, String secret) {
    public static final String SECRET_HEADER = "X-Vapi-Secret";

    public HostedServer {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a server URL is required");
    }

    @Override
    public String toString() {
        return "HostedServer[" + url + ", ***]";
    }
}
