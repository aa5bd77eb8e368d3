package dev.switchboard.testkit.caller;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A TwiML answer, parsed the way Twilio reads it: a {@code <Response>} root and its verbs in order
 * (PROTOCOLS.md §1.3, §4). Immutable.
 *
 * @param xml   the document as received
 * @param verbs the verbs under {@code <Response>}, in order
 */
public record TwimlDocument(String xml, List<Verb> verbs) {

    public TwimlDocument {
        verbs = List.copyOf(verbs);
    }

    /** A TwiML verb. Anything not modelled is kept as {@link Other}. */
    public sealed interface Verb {}

    /** {@code <Say>}: text spoken by Twilio's TTS. */
    public record Say(String text, Map<String, String> attributes) implements Verb {}

    /** {@code <Hangup/>}. */
    public record Hangup() implements Verb {}

    /** {@code <Reject reason=…/>}. */
    public record Reject(String reason) implements Verb {}

    /** {@code <Dial>}: the numbers dialled, from its text or its {@code <Number>} children. */
    public record Dial(List<String> numbers, Map<String, String> attributes) implements Verb {}

    /**
     * {@code <Connect>}: {@code action} is requested when the connected session ends; holds a
     * {@code <ConversationRelay>} or a {@code <Stream>} url with its {@code <Parameter>}s.
     */
    public record Connect(Optional<String> action, String method, Optional<ConversationRelayNoun> relay,
                          Optional<String> streamUrl, Map<String, String> streamParameters) implements Verb {
        public Connect {
            streamParameters = Map.copyOf(streamParameters);
        }

        public Connect(Optional<String> action, String method, Optional<ConversationRelayNoun> relay, Optional<String> streamUrl) {
            this(action, method, relay, streamUrl, Map.of());
        }
    }

    /** Any other verb ({@code <Play>}, {@code <Pause>}, {@code <Redirect>}, …). */
    public record Other(String name, Map<String, String> attributes, String text) implements Verb {}

    // Looked up once: newInstance() searches the class path for a provider (ServiceLoader) on every
    // call, a cost the load client paid inside the webhook time it measures.
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private static DocumentBuilderFactory secureFactory() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    }

    // A factory is not promised to be thread-safe; builders are made one at a time, then used alone.
    private static synchronized javax.xml.parsers.DocumentBuilder newBuilder() throws javax.xml.parsers.ParserConfigurationException {
        return FACTORY.newDocumentBuilder();
    }

    /**
     * Parses a TwiML document.
     *
     * @throws IllegalArgumentException when it is not well-formed XML or its root is not {@code <Response>}
     *                                  (Twilio's errors 12100 and 12102)
     */
    public static TwimlDocument parse(String xml) {
        Element root;
        try {
            var builder = newBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed TwiML (Twilio error 12100): " + e.getMessage(), e);
        }
        if (!"Response".equals(root.getTagName()))
            throw new IllegalArgumentException("TwiML root is <" + root.getTagName() + ">, not <Response> (Twilio error 12102)");
        var verbs = new ArrayList<Verb>();
        for (var child : children(root)) verbs.add(verb(child));
        return new TwimlDocument(xml, verbs);
    }

    /** The {@code <ConversationRelay>} inside the first {@code <Connect>}, if any. */
    public Optional<ConversationRelayNoun> conversationRelay() {
        return connect().flatMap(Connect::relay);
    }

    /** The first {@code <Connect>}, if any. */
    public Optional<Connect> connect() {
        return first(Connect.class);
    }

    /** The {@code action} URL of the first {@code <Connect>}, as written. */
    public Optional<String> connectAction() {
        return connect().flatMap(Connect::action);
    }

    /** The first {@code <Dial>}, if any. */
    public Optional<Dial> dial() {
        return first(Dial.class);
    }

    /** The texts of every {@code <Say>}, in order. */
    public List<String> says() {
        return verbs.stream().filter(Say.class::isInstance).map(v -> ((Say) v).text()).toList();
    }

    /** Whether the document contains {@code <Hangup/>}. */
    public boolean hangsUp() {
        return first(Hangup.class).isPresent();
    }

    /** The first {@code <Reject>}, if any. */
    public Optional<Reject> reject() {
        return first(Reject.class);
    }

    private <T extends Verb> Optional<T> first(Class<T> type) {
        return verbs.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static Verb verb(Element e) {
        var attributes = attributes(e);
        return switch (e.getTagName()) {
            case "Say" -> new Say(e.getTextContent().strip(), attributes);
            case "Hangup" -> new Hangup();
            case "Reject" -> new Reject(attributes.getOrDefault("reason", "rejected"));
            case "Dial" -> new Dial(dialled(e), attributes);
            case "Connect" -> connect(e, attributes);
            default -> new Other(e.getTagName(), attributes, e.getTextContent().strip());
        };
    }

    private static Connect connect(Element e, Map<String, String> attributes) {
        Optional<ConversationRelayNoun> relay = Optional.empty();
        Optional<String> stream = Optional.empty();
        var parameters = new LinkedHashMap<String, String>();
        for (var child : children(e)) {
            if ("ConversationRelay".equals(child.getTagName())) relay = Optional.of(relay(child));
            if ("Stream".equals(child.getTagName())) {
                stream = Optional.ofNullable(attributes(child).get("url"));
                for (var parameter : children(child))
                    if ("Parameter".equals(parameter.getTagName()))
                        parameters.put(attributes(parameter).getOrDefault("name", ""), attributes(parameter).getOrDefault("value", ""));
            }
        }
        return new Connect(Optional.ofNullable(attributes.get("action")), attributes.getOrDefault("method", "POST"), relay, stream, parameters);
    }

    private static ConversationRelayNoun relay(Element e) {
        var parameters = new LinkedHashMap<String, String>();
        var languages = new ArrayList<Map<String, String>>();
        for (var child : children(e)) {
            var attributes = attributes(child);
            if ("Parameter".equals(child.getTagName())) parameters.put(attributes.getOrDefault("name", ""), attributes.getOrDefault("value", ""));
            if ("Language".equals(child.getTagName())) languages.add(attributes);
        }
        var attributes = attributes(e);
        return new ConversationRelayNoun(attributes.getOrDefault("url", ""), attributes, parameters, languages);
    }

    private static List<String> dialled(Element dial) {
        var numbers = new ArrayList<String>();
        for (var child : children(dial)) numbers.add(child.getTextContent().strip());
        if (numbers.isEmpty() && !dial.getTextContent().isBlank()) numbers.add(dial.getTextContent().strip());
        return numbers;
    }

    private static List<Element> children(Element parent) {
        var elements = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element element) elements.add(element);
        return elements;
    }

    private static Map<String, String> attributes(Element e) {
        var map = new LinkedHashMap<String, String>();
        var all = e.getAttributes();
        for (int i = 0; i < all.getLength(); i++) map.put(all.item(i).getNodeName(), all.item(i).getNodeValue());
        return java.util.Collections.unmodifiableMap(map);
    }
}
