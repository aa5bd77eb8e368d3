package dev.switchboard.app.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/** 400 with every field error listed. */
@Singleton
@Produces
final class InvalidInputHandler implements ExceptionHandler<InvalidInput, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    InvalidInputHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidInput exception) {
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errors(List.copyOf(exception.errors())).build(), HttpResponse.badRequest());
    }
}
