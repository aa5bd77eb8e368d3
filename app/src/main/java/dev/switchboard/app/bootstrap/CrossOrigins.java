package dev.switchboard.app.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code SWITCHBOARD_CORS_ORIGINS}: the web origins (a tenant's own dashboard, the operator's Studio
 * front end) whose pages may call the API from a browser. Exact origins only — scheme, host and
 * optional port — so a typo or a path is refused at start-up instead of silently allowing nothing,
 * and no wildcard: the API's answers are a business's calls and customers.
 */
final class CrossOrigins {
    static final String VARIABLE = "SWITCHBOARD_CORS_ORIGINS";
    private static final String PREFIX = "micronaut.server.cors.";
    private static final String CONFIGURATION = PREFIX + "configurations.web.";

    private CrossOrigins() {}

    /** @return Micronaut's CORS settings for the listed origins, empty when none are listed */
    static Map<String, Object> properties(String listed) {
        var origins = parse(listed);
        if (origins.isEmpty()) return Map.of();
        return Map.of(
                PREFIX + "enabled", true,
                CONFIGURATION + "allowed-origins", origins,
                CONFIGURATION + "allowed-methods", List.of("GET", "POST", "PUT", "PATCH", "DELETE"),
                CONFIGURATION + "allowed-headers", List.of("Authorization", "Content-Type", "Accept"),
                CONFIGURATION + "exposed-headers", List.of("Location"),
                // Bearer tokens, not cookies: a page sends the header it holds, never the browser's credentials.
                CONFIGURATION + "allow-credentials", false,
                CONFIGURATION + "max-age", 600);
    }

    static List<String> parse(String listed) {
        var origins = new ArrayList<String>();
        if (listed == null || listed.isBlank()) return origins;
        for (var entry : listed.split(",")) {
            var origin = entry.strip();
            if (origin.isEmpty()) continue;
            origins.add(normalised(origin));
        }
        return List.copyOf(origins);
    }

    private static String normalised(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw refused(origin, "it is not a URL");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) throw refused(origin, "an origin starts with https:// or http://");
        if (uri.getHost() == null || uri.getRawUserInfo() != null) throw refused(origin, "it names no host");
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null)
            throw refused(origin, "an origin has no path, query or fragment (browsers send scheme://host[:port] only)");
        // Browsers send the origin in lower case, with the port only when it is not the scheme's default.
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalStateException refused(String origin, String why) {
        return new IllegalStateException(VARIABLE + " lists '" + origin + "', which is not a web origin: " + why
                + ". Give exact origins separated by commas, e.g. https://studio.example.com,http://localhost:5173");
    }
}
