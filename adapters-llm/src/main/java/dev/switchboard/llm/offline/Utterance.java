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
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WORD_BREAKS = Pattern.compile("[\\s,.!?;]+");

    static Utterance of(String text) {
        var raw = text == null ? "" : text.strip();
        return new Utterance(raw, fold(raw));
    }

    static String fold(String text) {
        var plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return plain.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'').transform(t -> SPACES.matcher(t).replaceAll(" ")).strip();
    }

    /**
     * Whether any of the (folded) phrases occurs as whole words: not preceded or followed by a
     * letter or a digit. A plain search, not a regular expression per phrase: this runs for
     * every phrase of every rule on every turn (issue 12's profile found the compiling).
     */
    boolean has(String... phrases) {
        for (var phrase : phrases)
            if (!phrase.isEmpty() && occursAsWords(phrase)) return true;
        return false;
    }

    private boolean occursAsWords(String phrase) {
        for (int at = folded.indexOf(phrase); at >= 0; at = folded.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || !isWordChar(folded.codePointBefore(at))) && (end == folded.length() || !isWordChar(folded.codePointAt(end))))
                return true;
        }
        return false;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetter(codePoint) || (codePoint >= '0' && codePoint <= '9');
    }

    boolean isQuestion() {
        return raw.endsWith("?");
    }

    int wordCount() {
        return folded.isEmpty() ? 0 : WORD_BREAKS.split(folded).length;
    }
}
