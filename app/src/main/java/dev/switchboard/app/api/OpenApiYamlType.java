package dev.switchboard.app.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the OpenAPI document ({@code /openapi/switchboard.yml}) as {@code application/yaml}.
 * It is a static resource, typed by Micronaut's extension table, which has no {@code .yml} or
 * {@code .yaml} and so answered {@code text/plain}: tools that pick a parser by media type
 * (API clients importing the URL, browsers offering a download) took it for plain text. The file
 * writer only sets a type when none is set, so the one given here stands.
 */
@ServerFilter("/openapi/**")
final class OpenApiYamlType {
    /** RFC 9512's registered type; Micronaut's own constant is the older, unregistered {@code application/x-yaml}. */
    private static final MediaType YAML = MediaType.of("application/yaml");

    @ResponseFilter
    void typeYaml(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var path = request.getPath();
        if (response.code() == 200 && (path.endsWith(".yml") || path.endsWith(".yaml"))) response.contentType(YAML);
    }
}
