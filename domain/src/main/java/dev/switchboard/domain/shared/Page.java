package dev.switchboard.domain.shared;

import java.util.List;

/** One page of a list query, with the total number of matching rows. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
