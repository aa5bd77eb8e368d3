package dev.switchboard.app.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;

/**
 * 400 for a form body Netty cannot decode (a broken percent-escape such as {@code %ZZ}): the
 * sender's mistake, not a 500 (the webhook fuzz test found it).
 */
@Singleton
@Produces
final class UnreadableFormHandler implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    UnreadableFormHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage("the form body cannot be decoded: " + exception.getMessage()).build(), HttpResponse.badRequest());
    }
}
