package dev.switchboard.testkit.caller;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code <ConversationRelay>} noun as the server wrote it (PROTOCOLS.md §4.4).
 *
 * @param url        the {@code url} attribute, exactly as written (what the handshake is signed over)
 * @param attributes every attribute, by name
 * @param parameters the {@code <Parameter>} children, in order: they become {@code setup.customParameters}
 * @param languages  the attributes of each {@code <Language>} child
 */
public record ConversationRelayNoun(String url, Map<String, String> attributes, Map<String, String> parameters,
                                    List<Map<String, String>> languages) {

    public ConversationRelayNoun {
        attributes = Map.copyOf(attributes);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        languages = List.copyOf(languages);
    }

    public Optional<String> welcomeGreeting() { return attribute("welcomeGreeting"); }

    public Optional<String> language() { return attribute("language"); }

    public Optional<String> voice() { return attribute("voice"); }

    public Optional<String> ttsProvider() { return attribute("ttsProvider"); }

    public Optional<String> transcriptionProvider() { return attribute("transcriptionProvider"); }

    public Optional<String> interruptible() { return attribute("interruptible"); }

    /** {@code dtmfDetection="true"}: only then does Twilio forward key presses. */
    public boolean dtmfDetection() {
        return attribute("dtmfDetection").map(Boolean::parseBoolean).orElse(false);
    }

    /** Any attribute by its TwiML name. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
