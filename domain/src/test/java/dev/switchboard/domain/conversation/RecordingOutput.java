package dev.switchboard.domain.conversation;

import java.util.ArrayList;
import java.util.List;

/** A {@link ConversationOutput} that remembers everything the engine said and decided. */
public final class RecordingOutput implements ConversationOutput {
    /** One call to {@link #text}. */
    public record Text(String delta, boolean last) {}

    private final List<Object> all = new ArrayList<>();

    @Override
    public synchronized void text(String delta, boolean last) {
        all.add(new Text(delta, last));
    }

    @Override
    public synchronized boolean sendDigits(String digits) {
        all.add("keys: " + digits);
        return true;
    }

    @Override
    public synchronized void handOff(HandOff handOff) {
        all.add(handOff);
    }

    @Override
    public synchronized void hangUp(String reason) {
        all.add("hang up: " + reason);
    }

    public synchronized List<Object> all() {
        return List.copyOf(all);
    }

    /** Everything spoken, joined, with " | " where a turn ended. */
    public synchronized String spoken() {
        var out = new StringBuilder();
        for (var item : all) {
            if (item instanceof Text text) {
                out.append(text.delta());
                if (text.last()) out.append(" | ");
            }
        }
        return out.toString();
    }
}
