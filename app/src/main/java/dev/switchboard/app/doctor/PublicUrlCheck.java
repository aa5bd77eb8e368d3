package dev.switchboard.app.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Does {@code SWITCHBOARD_PUBLIC_URL} reach this platform the way Twilio will (seeds 001 and 002:
 * a tunnel that changed, http instead of https, no wss)? Asked from the server, through the public
 * address — DNS, tunnel or proxy and back — never through loopback:
 * <ol>
 *   <li>https: Twilio needs it for ConversationRelay and Media Streams (wss);</li>
 *   <li>a status callback signed as Twilio signs it, over the public URL with the platform's auth
 *       token: answered 204 only if the request reached us and we check signatures against that
 *       very URL (a proxy rewriting the host or port shows up as 403);</li>
 *   <li>a WebSocket handshake to the relay socket without a signature: our handshake guard
 *       refuses it with 403, which proves upgrades pass through.</li>
 * </ol>
 */
final class PublicUrlCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String TUNNEL_FIX = "start the server and the tunnel (e.g. ngrok http 8080), set SWITCHBOARD_PUBLIC_URL to the "
            + "tunnel's https address, restart, then run ./switchboard doctor --fix to point the numbers at it";
    private final String publicUrl;
    private final String platformAccountSid;
    private final String platformToken;
    private final HttpClient http;

    PublicUrlCheck(String publicUrl, String platformAccountSid, String platformToken, HttpClient http) {
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
        this.platformAccountSid = platformAccountSid;
        this.platformToken = platformToken;
        this.http = http;
    }

    List<Finding> run() {
        var findings = new ArrayList<Finding>();
        var uri = URI.create(publicUrl);
        var loopback = isLoopback(uri.getHost());
        if ("https".equalsIgnoreCase(uri.getScheme())) findings.add(Finding.ok("public-url.https", publicUrl + " is https"));
        else if (loopback) findings.add(Finding.warn("public-url.https", publicUrl + " is a loopback http address: only ./switchboard "
                + "simulate can call it, Twilio cannot", "for real calls: " + TUNNEL_FIX));
        else findings.add(Finding.fail("public-url.https", publicUrl + " is not https: Twilio opens ConversationRelay and Media "
                + "Streams sockets only over wss", "serve https (a reverse proxy or a tunnel) and set SWITCHBOARD_PUBLIC_URL to it"));
        findings.add(signedWebhook());
        findings.add(socket());
        return findings;
    }

    private Finding signedWebhook() {
        var check = "public-url.webhook";
        var url = publicUrl + "/webhooks/twilio/status";
        var form = new TreeMap<String, String>();
        form.put("AccountSid", platformAccountSid != null && !platformAccountSid.isBlank() ? platformAccountSid : "AC" + "0".repeat(32));
        form.put("CallSid", "CA" + "d0c7".repeat(8));
        form.put("CallStatus", "ringing");
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (platformToken != null && !platformToken.isBlank()) request.header("X-Twilio-Signature", sign(platformToken, url, form));
        try {
            var status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 204) return Finding.ok(check, url + " answers a request signed over it: it reaches this platform and is the URL signatures are checked against");
            if (status == 403) return Finding.fail(check, url + " reached a server that refused a request signed over that URL",
                    "SWITCHBOARD_PUBLIC_URL must be exactly the address Twilio calls (scheme, host and port): a proxy or tunnel must "
                            + "not change them, or another Switchboard with other credentials answers there");
            return Finding.fail(check, url + " answered HTTP " + status + ": not this platform (another service, or the tunnel points elsewhere)", TUNNEL_FIX);
        } catch (IOException e) {
            return Finding.fail(check, url + " does not answer: " + describe(e), TUNNEL_FIX);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.fail(check, "interrupted", null);
        }
    }

    private Finding socket() {
        var check = "public-url.websocket";
        var url = publicUrl.replaceFirst("^http", "ws") + "/webhooks/twilio/relay?tenant=doctor&call=doctor";
        try {
            var socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            socket.abort();
            return Finding.fail(check, url + " accepted an unsigned WebSocket: this is not Switchboard's socket guard", TUNNEL_FIX);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                if (status == 403) return Finding.ok(check, url.replaceFirst("\\?.*", "") + " reaches our socket guard (an unsigned handshake is refused with 403, as it should be)");
                return Finding.fail(check, url.replaceFirst("\\?.*", "") + " answered a WebSocket upgrade with HTTP " + status
                        + ": the proxy or tunnel does not pass WebSockets to us", "let the proxy pass Upgrade/Connection headers (wss), or use a tunnel that does");
            }
            return Finding.fail(check, url.replaceFirst("\\?.*", "") + " does not answer: " + describe(e.getCause()), TUNNEL_FIX);
        } catch (TimeoutException e) {
            return Finding.fail(check, url.replaceFirst("\\?.*", "") + " did not answer within " + TIMEOUT.multipliedBy(2).toSeconds() + " s", TUNNEL_FIX);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.fail(check, "interrupted", null);
        }
    }

    /** Twilio's signature (PROTOCOLS.md §2.1): base64 HMAC-SHA1 of the URL followed by each parameter's name and value, sorted. */
    static String sign(String authToken, String url, Map<String, String> form) {
        var data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String describe(Throwable e) {
        var message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }
}
