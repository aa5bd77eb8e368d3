package dev.switchboard.app.api;

import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.domain.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A list route's query values, read as text: each bad one is gathered as a {@link FieldError}
 * naming it rather than thrown at once, so that one 400 names every bad field. Shared by the
 * routes that page (calls, messages) so that they read filters and paging alike.
 */
final class QueryValues {
    /** Rows a page holds when the query does not say. */
    static final int DEFAULT_LIMIT = 50;

    private QueryValues() {
    }

    /** {@code raw} read by {@code parser}; null when absent or blank, or (with an error added) when the parser refuses it. */
    static <T> T parse(List<FieldError> errors, String field, String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return parser.apply(raw.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /**
     * The page that {@code offset} (default 0) and {@code limit} (default {@value #DEFAULT_LIMIT},
     * at most {@link PageRequest#MAX_LIMIT}) ask for; null, with the errors added, when either is bad.
     */
    static PageRequest page(List<FieldError> errors, String offset, String limit) {
        Integer off = parse(errors, "offset", offset, Integer::valueOf);
        Integer lim = parse(errors, "limit", limit, Integer::valueOf);
        int first = off == null ? 0 : off;
        int size = lim == null ? DEFAULT_LIMIT : lim;
        boolean valid = true;
        if (first < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
            valid = false;
        }
        if (size < 1 || size > PageRequest.MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be within 1.." + PageRequest.MAX_LIMIT));
            valid = false;
        }
        return valid ? new PageRequest(first, size) : null;
    }

    /** An ISO-8601 instant, refused with the form it should take. */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant such as 2026-03-02T09:00:00Z");
        }
    }
}
