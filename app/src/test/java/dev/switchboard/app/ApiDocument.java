package dev.switchboard.app;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document micronaut-openapi generated from the code, as Atlassian's
 * swagger-request-validator sees it. {@link Api} checks every {@code /api} exchange of every
 * end-to-end test against it as the exchange happens, so a test fails the moment the code answers
 * something the document does not describe (a status it does not list, a field it does not know, a
 * required field left out). Inline rather than recorded to a file and replayed by a later test:
 * tests run in random order, and a replay that runs before the recordings checks nothing.
 *
 * <p>The document is the one in the build output ({@value #RESOURCE}, the file the server serves
 * at {@code /openapi/switchboard.yml}), read once per JVM. The validator is thread-safe.
 */
public final class ApiDocument {
    /** Where the build puts the generated document; the test classpath holds it. */
    public static final String RESOURCE = "META-INF/swagger/switchboard.yml";

    private static final String PROBLEM_JSON = "application/problem+json";
    /** The validator's words for "no such path" and "no such method on this path". */
    private static final List<String> OFF_THE_MAP = List.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private ApiDocument() {}

    /**
     * One request and its answer, as they went over the wire; {@code headers} are the request's own
     * (an {@code Idempotency-Key}), besides its body's content type and the bearer token.
     */
    public record Exchange(String method, String path, String requestBody, boolean bearer, Map<String, String> headers,
                           int status, String contentType, String responseBody) {
        public Exchange {
            headers = Map.copyOf(headers);
        }

        public Exchange(String method, String path, String requestBody, boolean bearer, int status, String contentType, String responseBody) {
            this(method, path, requestBody, bearer, Map.of(), status, contentType, responseBody);
        }

        @Override
        public String toString() {
            return method + " " + path + " → " + status;
        }
    }

    /** Whether the exchange belongs to the documented API (webhooks, health and the document itself do not). */
    public static boolean describes(String path) {
        return path.startsWith("/api/");
    }

    /**
     * What in the exchange the document does not describe, one line per validator message; empty
     * when it matches. A request answered 2xx is checked along with its answer; a refused request
     * was usually meant to be wrong (a bad field, no token), so only its answer is checked.
     */
    public static List<String> mismatches(Exchange exchange) {
        return describe(errors(exchange, false));
    }

    private static List<String> describe(List<ValidationReport.Message> errors) {
        return errors.stream()
                .map(message -> message.getKey() + ": " + message.getMessage()
                        + message.getContext().flatMap(context -> context.getPointers()).map(p -> " (at " + p.getInstance() + ")").orElse(""))
                .toList();
    }

    private static List<ValidationReport.Message> errors(Exchange exchange, boolean answerOnly) {
        var errors = report(exchange, answerOnly).getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR).toList();
        // A request for a route or method the API does not have (a test of the 404/405 answers): the
        // document rightly does not list it, so only the answer's shape can be checked.
        if ((exchange.status() == 404 || exchange.status() == 405) && !errors.isEmpty()
                && errors.stream().allMatch(message -> OFF_THE_MAP.contains(message.getKey())))
            return exchange.contentType().startsWith(PROBLEM_JSON) ? List.of() : errors;
        return errors;
    }

    private static ValidationReport report(Exchange exchange, boolean answerOnly) {
        var uri = URI.create(exchange.path());
        var response = SimpleResponse.Builder.status(exchange.status());
        if (!exchange.contentType().isEmpty()) response.withContentType(exchange.contentType());
        if (!exchange.responseBody().isEmpty()) response.withBody(exchange.responseBody());
        if (answerOnly || exchange.status() >= 300) {
            return Holder.VALIDATOR.validateResponse(uri.getPath(), Request.Method.valueOf(exchange.method()), response.build());
        }
        var request = new SimpleRequest.Builder(exchange.method(), uri.getPath());
        if (exchange.requestBody() != null) request.withContentType("application/json").withBody(exchange.requestBody());
        if (exchange.bearer()) request.withAuthorization("Bearer recorded-token");
        exchange.headers().forEach(request::withHeader);
        if (uri.getRawQuery() != null) for (var pair : uri.getRawQuery().split("&")) {
            var parts = pair.split("=", 2);
            request.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return Holder.VALIDATOR.validate(request.build(), response.build());
    }

    /**
     * An answer's body as the validator reads it: text for JSON and text types; any other body (a
     * WAV) as one char per byte, so it is present without being mistaken for text to parse.
     */
    public static String bodyText(String contentType, byte[] body) {
        var type = contentType.toLowerCase(Locale.ROOT);
        var text = type.isEmpty() || type.contains("json") || type.startsWith("text/") || type.contains("yaml") || type.contains("xml");
        return new String(body, text ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /**
     * For tests that talk HTTP without {@link Api} (concurrent requests, forwarded-for headers):
     * checks the answer against the document, the request only as far as its path and method.
     */
    public static HttpResponse<String> checked(HttpResponse<String> response) {
        var uri = response.request().uri();
        var path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        // Checked like a refused request: only the answer, since the request's body is not at hand.
        var answerOnly = new Exchange(response.request().method(), path, null, false, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
        check(answerOnly, true);
        return response;
    }

    /** Throws when the exchange does not match the document, naming the operation, the status and each mismatch. */
    public static void check(Exchange exchange) {
        check(exchange, false);
    }

    private static void check(Exchange exchange, boolean answerOnly) {
        if (!describes(URI.create(exchange.path()).getPath())) return;
        var errors = errors(exchange, answerOnly);
        if (errors.isEmpty()) return;
        var mismatches = describe(errors);
        var operation = errors.stream().map(m -> m.getContext().flatMap(c -> c.getApiOperation()))
                .flatMap(java.util.Optional::stream).map(o -> o.getOperation().getOperationId()).findFirst().orElse("no operation");
        var text = "The API answered what its OpenAPI document (" + RESOURCE + ") does not describe: "
                + exchange + " (" + operation + ")\n  " + String.join("\n  ", mismatches)
                + "\n  request: " + exchange.requestBody() + "\n  answer (" + exchange.contentType() + "): " + exchange.responseBody()
                + "\nFix the controller's @Operation/@ApiResponse/@Schema annotations, not the test.";
        throw new AssertionError(text);
    }

    /** Loaded on first use, once per JVM: parsing the document takes a while. */
    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = load();

        private static OpenApiInteractionValidator load() {
            try (var in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is not on the classpath: compile the app module first");
                return OpenApiInteractionValidator.createForInlineApiSpecification(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
