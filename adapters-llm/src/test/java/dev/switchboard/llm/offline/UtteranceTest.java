package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UtteranceTest {
    @Test
    void a_phrase_matches_only_as_whole_words() {
        var said = Utterance.of("Je voudrais annuler mon rendez-vous de 14h, merci");

        assertThat(said.has("annuler")).isTrue();
        assertThat(said.has("rendez-vous")).isTrue();
        assertThat(said.has("merci")).isTrue();
        assertThat(said.has("nul", "vous de 1", "14")).isFalse();
        assertThat(said.has("14h")).isTrue();
        assertThat(said.has("")).isFalse();
    }

    @Test
    void a_later_occurrence_counts_when_the_first_is_inside_a_word() {
        assertThat(Utterance.of("Cancellation? No, cancel it").has("cancel")).isTrue();
        assertThat(Utterance.of("Cancellation only").has("cancel")).isFalse();
    }

    @Test
    void accents_case_apostrophes_and_spaces_are_folded() {
        var said = Utterance.of("  Après-demain,   C’EST possible ?");

        assertThat(said.folded()).isEqualTo("apres-demain, c'est possible ?");
        assertThat(said.has("apres-demain", "x")).isTrue();
        assertThat(said.has("c'est possible")).isTrue();
        assertThat(said.isQuestion()).isTrue();
        assertThat(said.wordCount()).isEqualTo(3);
    }
}
