package dev.switchboard.app.api.problem;

import dev.switchboard.app.api.json.JsonBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A request without the body its endpoint needs: 400 saying so in the client's words
 * ({@code body: a JSON body is required}) instead of Micronaut's "Required Body [raw] not
 * specified", which names our Java parameter.
 */
@Singleton
@Produces
final class MissingBodyHandler implements ExceptionHandler<UnsatisfiedBodyRouteException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    MissingBodyHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsatisfiedBodyRouteException exception) {
        var missing = new InvalidInput("body", JsonBody.REQUIRED);
        return errors.processResponse(ErrorContext.builder(request).cause(missing)
                .errors(List.copyOf(missing.errors())).build(), HttpResponse.badRequest());
    }
}
