package dev.switchboard.testkit.caller;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Posts {@code application/x-www-form-urlencoded} webhooks as Twilio does, signed or not. */
final class WebhookClient {
    private final HttpClient http;
    private final Endpoints endpoints;
    private final String authToken;
    private final Duration timeout;

    WebhookClient(HttpClient http, Endpoints endpoints, String authToken, Duration timeout) {
        this.http = http;
        this.endpoints = endpoints;
        this.authToken = authToken;
        this.timeout = timeout;
    }

    /** Posts to a public URL (absolute or a path), signed with the auth token. */
    WebhookExchange postSigned(String url, Map<String, String> params, String idempotencyToken) {
        var signedUrl = signedUrl(url);
        return post(signedUrl, params, Optional.of(TwilioSignature.sign(authToken, signedUrl, params)), idempotencyToken);
    }

    /** Posts with exactly the given signature header, or none. */
    WebhookExchange post(String url, Map<String, String> params, Optional<String> signature, String idempotencyToken) {
        var signedUrl = signedUrl(url);
        var target = endpoints.reachable(signedUrl);
        var copy = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        var request = HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("I-Twilio-Idempotency-Token", idempotencyToken)
                .POST(HttpRequest.BodyPublishers.ofString(encode(copy)));
        signature.ifPresent(s -> request.header("X-Twilio-Signature", s));
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new WebhookExchange(signedUrl, target, copy, signature, idempotencyToken, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), Optional.empty());
        } catch (IOException e) {
            return new WebhookExchange(signedUrl, target, copy, signature, idempotencyToken, -1, "", "",
                    Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to " + target, e);
        }
    }

    private String signedUrl(String url) {
        return url.startsWith("/") ? endpoints.publicHttp(url) : url;
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
