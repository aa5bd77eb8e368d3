package dev.switchboard.llm.offline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One thing the caller said, as spoken ({@code raw}) and folded for matching ({@code folded}:
 * lower case, accents removed, typographic apostrophes made plain, spaces collapsed), so
 * "Après-demain" and "apres-demain" read alike.
 */
record Utterance(String raw, String folded) {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    static Utterance of(String text) {
        var raw = text == null ? "" : text.strip();
        return new Utterance(raw, fold(raw));
    }

    static String fold(String text) {
        var plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return plain.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'').replaceAll("\\s+", " ").strip();
    }

    /** Whether any of the (folded) phrases occurs as whole words. */
    boolean has(String... phrases) {
        for (var phrase : phrases)
            if (Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(phrase) + "(?![\\p{L}\\d])").matcher(folded).find()) return true;
        return false;
    }

    boolean isQuestion() {
        return raw.endsWith("?");
    }

    int wordCount() {
        return folded.isEmpty() ? 0 : folded.split("[\\s,.!?;]+").length;
    }
}
