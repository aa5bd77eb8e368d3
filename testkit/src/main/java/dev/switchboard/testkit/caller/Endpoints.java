package dev.switchboard.testkit.caller;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the server listens ({@code baseUrl}) versus the public URL it validates signatures
 * against ({@code publicUrl}, e.g. a tunnel). Requests are signed over the public form and sent to
 * the listening one; a URL that does not start with the public URL is used as it is.
 *
 * <p>With several listening servers (instances behind one public URL), each request goes to the
 * next one in turn, as a round-robin load balancer with no sticky sessions would send it.
 * Thread-safe.
 */
final class Endpoints {
    private final List<String> baseUrls;
    private final String publicUrl;
    private final AtomicInteger next = new AtomicInteger();

    Endpoints(String baseUrl, String publicUrl) {
        this(List.of(baseUrl), publicUrl);
    }

    Endpoints(List<String> baseUrls, String publicUrl) {
        if (baseUrls.isEmpty()) throw new IllegalArgumentException("a base URL is required");
        this.baseUrls = baseUrls.stream().map(Endpoints::trimSlash).toList();
        this.baseUrls.forEach(URI::create);
        this.publicUrl = trimSlash(publicUrl == null || publicUrl.isBlank() ? this.baseUrls.get(0) : publicUrl);
        URI.create(this.publicUrl);
    }

    /** The URL the server validates signatures against. */
    String publicUrl() {
        return publicUrl;
    }

    private String nextBaseUrl() {
        return baseUrls.get(Math.floorMod(next.getAndIncrement(), baseUrls.size()));
    }

    /** The URL Twilio would be configured with for {@code path}: what gets signed. */
    String publicHttp(String path) {
        return publicUrl + path;
    }

    /**
     * A URL as written in TwiML (absolute http(s)/ws(s), or relative to the public URL), made
     * absolute in the public scheme family {@code wss} or {@code https}.
     */
    String absolute(String url, boolean websocket) {
        if (url.startsWith("/")) {
            var origin = websocket ? toWebSocket(publicUrl) : publicUrl;
            return origin + url;
        }
        return url;
    }

    /**
     * Where to actually send a request for a public (signed) URL: the listening server if the URL
     * is under the public URL, whatever its scheme (a server behind a TLS tunnel writes
     * {@code wss://} for a public {@code http://} URL); any other URL as it is.
     */
    String reachable(String signedUrl) {
        boolean websocket = signedUrl.startsWith("ws");
        var publicRest = withoutScheme(publicUrl);
        var signedRest = withoutScheme(signedUrl);
        if (signedRest.startsWith(publicRest)) {
            var rest = signedRest.substring(publicRest.length());
            if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?")) {
                var baseUrl = nextBaseUrl();
                return (websocket ? toWebSocket(baseUrl) : baseUrl) + rest;
            }
        }
        return signedUrl;
    }

    private static String withoutScheme(String url) {
        int colon = url.indexOf("://");
        return colon < 0 ? url : url.substring(colon + 3);
    }

    static String toWebSocket(String httpUrl) {
        if (httpUrl.startsWith("https://")) return "wss://" + httpUrl.substring("https://".length());
        if (httpUrl.startsWith("http://")) return "ws://" + httpUrl.substring("http://".length());
        return httpUrl;
    }

    private static String trimSlash(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a base URL is required");
        var trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
