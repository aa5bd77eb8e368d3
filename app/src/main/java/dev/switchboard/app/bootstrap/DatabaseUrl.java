package dev.switchboard.app.bootstrap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as hosting platforms hand it out: either {@code postgres://user:pass@host:port/db}
 * (Heroku, Render, Fly…) or a JDBC URL, possibly with credentials in its query string.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("DATABASE_URL is empty");
        var value = text.strip();
        if (value.startsWith("jdbc:postgresql:")) return new DatabaseUrl(value, null, null);
        if (!value.startsWith("postgres://") && !value.startsWith("postgresql://"))
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: (got a value starting with '"
                    + value.substring(0, Math.min(12, value.length())) + "')");
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            // The input holds a password: never echo it.
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (check that special characters in the password are percent-encoded)");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("DATABASE_URL has no host");
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            var parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            pass = parts.length > 1 ? decode(parts[1]) : null;
        }
        var jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) jdbc.append(':').append(uri.getPort());
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        if (uri.getRawQuery() != null) jdbc.append('?').append(uri.getRawQuery());
        return new DatabaseUrl(jdbc.toString(), user, pass);
    }

    /** Percent-decoding only: in a URL's user info a {@code +} is a plus, not a space. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username + ", password=***]";
    }
}
