package dev.switchboard.app.api.problem;

import java.util.List;

/** A request the API refuses before touching any data: answered 400 with every field error. */
public final class InvalidInput extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).getMessage());
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
