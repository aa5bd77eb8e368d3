package dev.switchboard.app.api.problem;

import dev.switchboard.domain.shared.PortFailure;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outside service failed us: say which way, with the adapter's message (adapters write it
 * for humans and never put secrets in it), and the status a client can act on.
 */
@Singleton
@Produces
final class PortFailureHandler implements ExceptionHandler<PortFailure, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(PortFailureHandler.class);
    private final ErrorResponseProcessor<?> errors;

    PortFailureHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, PortFailure failure) {
        LOG.warn("{} {} failed: {} ({})", request.getMethod(), request.getPath(), failure.getMessage(), failure.category());
        var status = switch (failure.category()) {
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case BAD_REQUEST -> HttpStatus.UNPROCESSABLE_ENTITY;
            case REJECTED_CREDENTIALS, UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
        };
        return errors.processResponse(ErrorContext.builder(request).cause(failure)
                .errorMessage(failure.getMessage()).build(), HttpResponse.status(status));
    }
}
