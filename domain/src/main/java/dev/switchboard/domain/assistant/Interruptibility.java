package dev.switchboard.domain.assistant;

import java.util.Locale;
import java.util.Optional;

/** What may cut the agent off while it speaks: nothing, a key press, the caller's voice, or either. */
public enum Interruptibility {
    NONE, DTMF, SPEECH, ANY;

    /** As ConversationRelay spells it: {@code none}, {@code dtmf}, {@code speech}, {@code any}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Interruptibility> parse(String text) {
        if (text == null) return Optional.empty();
        for (var value : values()) if (value.name().equalsIgnoreCase(text.strip())) return Optional.of(value);
        return Optional.empty();
    }
}
