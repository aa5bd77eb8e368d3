package dev.switchboard.llm.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * The offline speech model's voice: there is no text-to-speech here, so words become a
 * deterministic speech-like signal at 8 kHz — a voiced buzz (a pitch near 120 Hz and its
 * harmonics, shaped by two formants that move with the word's vowels) cut into syllables, with
 * pauses between words and longer ones after punctuation. Its length grows with the text, so the
 * caller hears a turn as long as the sentence would take to say, and barge-in, marks and cuts
 * behave as with a real voice. The same text always renders the same samples. Stateless.
 */
final class SyntheticVoice {
    static final int RATE = 8000;
    private static final double PEAK = 0.3 * 32767; // about −10 dBFS: a clear voice, never clipping

    private SyntheticVoice() {}

    /**
     * Samples of one utterance and where each word's sound starts, to tell which words a caller
     * heard before an interruption.
     */
    record Rendered(String text, short[] pcm, List<String> words, int[] wordStarts) {
        /** The words whose sound had begun within the first {@code samples} samples. */
        String wordsWithin(long samples) {
            var out = new StringBuilder();
            for (int i = 0; i < words.size() && wordStarts[i] < samples; i++) out.append(i == 0 ? "" : " ").append(words.get(i));
            return out.toString();
        }

        long millis() {
            return pcm.length * 1000L / RATE;
        }
    }

    static Rendered render(String text) {
        var words = List.of(text.strip().split("\\s+"));
        var starts = new int[words.size()];
        var samples = new ArrayList<short[]>();
        int total = 0;
        for (int i = 0; i < words.size(); i++) {
            starts[i] = total;
            var word = words.get(i);
            var sound = word(word);
            samples.add(sound);
            total += sound.length;
            var pause = new short[pauseMs(word) * RATE / 1000];
            samples.add(pause);
            total += pause.length;
        }
        var pcm = new short[total];
        int at = 0;
        for (var piece : samples) {
            System.arraycopy(piece, 0, pcm, at, piece.length);
            at += piece.length;
        }
        return new Rendered(text, pcm, words, starts);
    }

    private static int pauseMs(String word) {
        char last = word.charAt(word.length() - 1);
        if (last == '.' || last == '?' || last == '!') return 260;
        if (last == ',' || last == ';' || last == ':') return 160;
        return 50;
    }

    /** One word: 90 ms plus about 22 ms a letter, in syllables of a falling voiced buzz. */
    private static short[] word(String word) {
        var letters = word.replaceAll("[^\\p{L}\\p{N}]", "");
        int length = Math.max(1, letters.length());
        int ms = Math.min(520, 90 + 22 * length);
        var out = new short[ms * RATE / 1000];
        int syllables = Math.max(1, Math.min(4, vowelGroups(letters)));
        int hash = Math.abs(letters.toLowerCase(java.util.Locale.ROOT).hashCode());
        double f0 = 108 + hash % 30;
        double f1 = 450 + (hash / 30) % 350;
        double f2 = 1200 + (hash / 10_500) % 900;
        int harmonics = (int) (3400 / f0);
        double[] phase = new double[harmonics + 1];
        double norm = 0;
        for (int h = 1; h <= harmonics; h++) norm += weight(h * f0, f1, f2);
        for (int n = 0; n < out.length; n++) {
            double progress = (double) n / out.length;
            double pitch = f0 * (1.08 - 0.16 * progress); // a falling contour, as statements have
            double syllable = progress * syllables;
            double within = syllable - Math.floor(syllable);
            double envelope = Math.sin(Math.PI * within);
            envelope *= Math.min(1, Math.min(n, out.length - n) / 80.0); // no clicks at the edges
            double sum = 0;
            for (int h = 1; h <= harmonics; h++) {
                phase[h] += 2 * Math.PI * h * pitch / RATE;
                sum += weight(h * f0, f1, f2) * Math.sin(phase[h]);
            }
            out[n] = (short) Math.round(PEAK * envelope * sum / norm * 1.8);
        }
        return out;
    }

    /** A harmonic's strength: two formant peaks over a falling glottal slope. */
    private static double weight(double hz, double f1, double f2) {
        double slope = 1 / (1 + hz / 500);
        double first = Math.exp(-Math.pow((hz - f1) / 160, 2));
        double second = 0.6 * Math.exp(-Math.pow((hz - f2) / 220, 2));
        return slope * (0.3 + first + second);
    }

    private static int vowelGroups(String letters) {
        int groups = 0;
        boolean inVowel = false;
        for (char c : letters.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            boolean vowel = "aeiouyàâéèêëîïôùûü".indexOf(c) >= 0;
            if (vowel && !inVowel) groups++;
            inVowel = vowel;
        }
        return groups;
    }
}
