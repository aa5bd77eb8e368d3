package dev.switchboard.testkit.caller;

import java.net.URI;

/**
 * Where the server listens ({@code baseUrl}) versus the public URL it validates signatures
 * against ({@code publicUrl}, e.g. a tunnel). Requests are signed over the public form and sent to
 * the listening one; a URL that does not start with the public URL is used as it is.
 */
record Endpoints(String baseUrl, String publicUrl) {

    Endpoints {
        baseUrl = trimSlash(baseUrl);
        publicUrl = trimSlash(publicUrl == null || publicUrl.isBlank() ? baseUrl : publicUrl);
        URI.create(baseUrl);
        URI.create(publicUrl);
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

    /** Where to actually send a request for a public (signed) URL: the listening server if it is ours. */
    String reachable(String signedUrl) {
        boolean websocket = signedUrl.startsWith("ws");
        var publicPrefix = websocket ? toWebSocket(publicUrl) : publicUrl;
        var basePrefix = websocket ? toWebSocket(baseUrl) : baseUrl;
        if (signedUrl.startsWith(publicPrefix)) {
            var rest = signedUrl.substring(publicPrefix.length());
            if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?")) return basePrefix + rest;
        }
        return signedUrl;
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
