package dev.switchboard.llm.offline;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The caller's name and phone number, as they say them: "je m'appelle Marie Dupont", "c'est
 * Marie", "my name is John Smith", "06 12 34 56 78". A bare answer ("Marie Dupont.") counts as a
 * name only when the agent has just asked for one.
 */
final class CallerDetails {
    /** Cues always followed by a name. */
    private static final Pattern STRONG = Pattern.compile(
            "(?i)\\b(?:je m[' ]?appelle|mon nom est|mon nom c'est|mon nom, c'est|au nom de"
                    + "|my name is|my name's|name is|under the name(?: of)?|in the name of)\\s+(.+)");
    /** Cues that may be followed by something else ("c'est pour une coupe"): the name must be capitalised. */
    private static final Pattern WEAK = Pattern.compile("(?i)\\b(?:moi c'est|c'est|je suis|this is|it's|it is|i'm|i am)\\s+(.+)");
    private static final Pattern PHONE = Pattern.compile("(\\+?\\d[\\d .-]{7,}\\d)");
    private static final Pattern NAME_WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");
    private static final Set<String> NOT_NAMES = Set.of(
            "et", "and", "pour", "for", "je", "j'aimerais", "i", "i'd", "mon", "my", "ma", "a", "at", "le", "la", "les", "un", "une",
            "de", "du", "des", "the", "to", "with", "avec", "s'il", "please", "merci", "thanks", "thank", "oui", "yes", "non", "no",
            "voudrais", "veux", "would", "want", "like", "need", "numero", "number", "phone", "telephone", "demain", "tomorrow",
            "today", "aujourd'hui", "rendez-vous", "appointment", "bonjour", "hello", "hi", "euh", "alors", "ok", "okay", "d'accord",
            "sure", "bien", "sur", "c'est", "it's", "moi", "calling", "looking", "pas", "not", "disponible", "available", "free",
            "libre", "ici", "here", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "vous", "you", "on", "in", "est", "is", "ca", "ça");
    private static final Pattern FILLER = Pattern.compile(
            "(?i)^(?:(?:oui|yes|alors|euh|bon|ok|okay|d'accord|sure|bien sûr|of course|c'est|moi c'est|it's"
                    + "|je m[' ]?appelle|my name is)[\\s,.!]*)+");

    private CallerDetails() {}

    static Optional<String> name(Utterance said) {
        var raw = said.raw().replace('’', '\'');
        var strong = STRONG.matcher(raw);
        if (strong.find()) return words(strong.group(1), false);
        var weak = WEAK.matcher(raw);
        while (weak.find()) {
            var name = words(weak.group(1), true);
            if (name.isPresent()) return name;
        }
        return Optional.empty();
    }

    /** The whole answer as a name, e.g. "Marie Dupont." or "Oui, c'est Dupont", after being asked. */
    static Optional<String> nameAnswer(Utterance said) {
        var rest = FILLER.matcher(said.raw().replace('’', '\'')).replaceFirst("");
        if (rest.isBlank() || rest.chars().anyMatch(Character::isDigit) || Utterance.of(rest).wordCount() > 4) return Optional.empty();
        return words(rest, false);
    }

    /** Digits that look like a phone number (at least nine), spaces and dots removed. */
    static Optional<String> phone(Utterance said) {
        var m = PHONE.matcher(said.raw());
        while (m.find()) {
            var number = m.group(1).replaceAll("[ .-]", "");
            if (number.replace("+", "").length() >= 9) return Optional.of(number);
        }
        return Optional.empty();
    }

    /** Up to three name-like words from the start of {@code text}, stopping at punctuation or a common word. */
    private static Optional<String> words(String text, boolean mustBeCapitalised) {
        var found = new ArrayList<String>();
        var m = NAME_WORD.matcher(text);
        int end = 0;
        while (found.size() < 3 && m.find()) {
            if (!text.substring(end, m.start()).isBlank()) break; // punctuation between words ends the name
            var word = m.group();
            if (NOT_NAMES.contains(Utterance.fold(word))) break;
            if (mustBeCapitalised && found.isEmpty() && !Character.isUpperCase(word.charAt(0))) break;
            found.add(capitalise(word));
            end = m.end();
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", found));
    }

    private static String capitalise(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
