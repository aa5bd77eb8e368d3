package dev.switchboard.app.api.problem;

import io.micronaut.http.HttpStatus;

/**
 * The stable {@code type} URIs of our problem+json answers, one per kind of failure, so clients
 * can branch on them instead of parsing human text.
 */
enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
    CONFLICT(HttpStatus.CONFLICT, "conflict"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited"),
    UPSTREAM_FAILED(HttpStatus.BAD_GATEWAY, "upstream-failed"),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");

    static final String BASE = "https://switchboard.dev/problems/";
    final HttpStatus status;
    final String slug;

    ProblemType(HttpStatus status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    String uri() {
        return BASE + slug;
    }

    static ProblemType of(int code) {
        for (var type : values()) if (type.status.getCode() == code) return type;
        return code >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
