package dev.switchboard.domain.studio;

import java.util.Objects;

/** The tenant's Vapi organisation, reached with its private API key. Never printed. */
public record VapiAccount(String apiKey) {
    public VapiAccount {
        if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("a Vapi API key is required");
    }

    @Override
    public String toString() {
        return "VapiAccount[***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VapiAccount a && Objects.equals(apiKey, a.apiKey);
    }

    @Override
    public int hashCode() {
        return apiKey.hashCode();
    }
}
