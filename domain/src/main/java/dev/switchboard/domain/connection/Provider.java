package dev.switchboard.domain.connection;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An outside service a tenant connects with its own credentials, and which fields that takes.
 * Settings are shown back in the API; secrets are write-only and stored sealed.
 */
public enum Provider {
    TWILIO(Set.of("accountSid"), Set.of("authToken")),
    VAPI(Set.of(), Set.of("apiKey", "webhookSecret")),
    ANTHROPIC(Set.of(), Set.of("apiKey")),
    OPENAI(Set.of(), Set.of("apiKey")),
    GOOGLE(Set.of(), Set.of("apiKey"));

    private final Set<String> settings;
    private final Set<String> secrets;

    Provider(Set<String> settings, Set<String> secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** Non-secret fields, e.g. Twilio's account SID. */
    public Set<String> settings() {
        return settings;
    }

    /** Secret fields, e.g. Twilio's auth token. */
    public Set<String> secrets() {
        return secrets;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> parse(String text) {
        if (text == null) return Optional.empty();
        for (var p : values()) if (p.name().equalsIgnoreCase(text.strip())) return Optional.of(p);
        return Optional.empty();
    }
}
