package dev.switchboard.testkit.caller;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does (PROTOCOLS.md §2.1, §2.4):
 * base64(HMAC-SHA1(authToken, url + each form parameter's name and value, sorted by name)).
 * A WebSocket handshake is signed over its URL with no parameters. Stateless and thread-safe.
 */
public final class TwilioSignature {
    private TwilioSignature() {}

    /**
     * @param authToken the account's auth token (the HMAC key)
     * @param url       the exact URL Twilio requests, as configured (scheme, host, port, path, query)
     * @param params    the decoded form parameters ({@code Map.of()} for GET and WebSocket handshakes)
     * @return the 28-character base64 signature
     */
    public static String sign(String authToken, String url, Map<String, String> params) {
        var data = new StringBuilder(url);
        // Plain code-unit order, as Twilio sorts: TreeMap's natural String order.
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
        }
    }

    /** The signature of a WebSocket handshake to {@code url}: the URL alone, nothing appended. */
    public static String signHandshake(String authToken, String url) {
        return sign(authToken, url, Map.of());
    }
}
