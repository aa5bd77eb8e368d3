package dev.switchboard.domain.shared;

/**
 * The one unchecked failure an adapter raises when infrastructure lets it down. The category
 * decides how the app answers (problem+json status) and what the call timeline says.
 */
public final class PortFailure extends RuntimeException {
    /** Why the outside world failed us. */
    public enum Category { UNAVAILABLE, TIMEOUT, REJECTED_CREDENTIALS, BAD_REQUEST, RATE_LIMITED, NOT_FOUND }

    private final Category category;

    public PortFailure(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public PortFailure(Category category, String message) {
        this(category, message, null);
    }

    public Category category() {
        return category;
    }
}
