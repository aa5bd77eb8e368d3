package dev.switchboard.twilio.out;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The SDK's transport, pointed at {@code switchboard.twilio.api-url}: the SDK has no base-URL
 * setting and always builds {@code https://api.twilio.com/…}, so each request keeps its method,
 * path, query, auth and body and goes to the configured scheme, host and port (and path prefix).
 * Sent with the JDK's client with short timeouts, once: retries are {@link Attempts}' decision,
 * not the SDK's (which would repeat a {@code POST Calls.json} on any 5xx and create two calls).
 * Thread-safe.
 */
final class ApiUrlHttpClient extends HttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String base;
    private final Duration readTimeout;
    private final java.net.http.HttpClient http;

    ApiUrlHttpClient(String base, Duration connectTimeout, Duration readTimeout) {
        this.base = base.replaceAll("/+$", "");
        this.readTimeout = readTimeout;
        this.http = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
    }

    /** Where a request the SDK built goes: same path and query, our scheme, host and port. */
    String target(Request request) {
        var original = request.constructURL();
        return base + original.getPath() + (original.getQuery() == null ? "" : "?" + original.getQuery());
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        var builder = HttpRequest.newBuilder(URI.create(target(request))).timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "switchboard twilio-java/" + Twilio.VERSION)
                .header("X-Twilio-Client", "java-" + Twilio.VERSION);
        if (request.requiresAuthentication()) builder.header("Authorization", request.getAuthString());
        request.getHeaderParams().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) values.forEach(v -> builder.header(name, v));
        });
        var method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            var body = json ? request.getBody() : request.encodeFormBody();
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body == null ? "" : body, StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            var headers = response.headers().map().entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(v -> (Header) new BasicHeader(e.getKey(), v))).toArray(Header[]::new);
            return new Response(response.body(), response.statusCode(), headers);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new Unreachable(Unreachable.Kind.NOT_SENT, "cannot connect to " + base, e);
        } catch (HttpTimeoutException e) {
            throw new Unreachable(Unreachable.Kind.TIMED_OUT, "no answer within " + readTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Unreachable(Unreachable.Kind.BROKEN, "the connection failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(Unreachable.Kind.BROKEN, "interrupted", e);
        }
    }

    /** Twilio could not be reached, and how far the request got — which decides whether a retry is safe. */
    static final class Unreachable extends ApiConnectionException {
        /** NOT_SENT: no connection, Twilio never saw it; TIMED_OUT / BROKEN: Twilio may have acted on it. */
        enum Kind { NOT_SENT, TIMED_OUT, BROKEN }

        private final Kind kind;

        Unreachable(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }
}
