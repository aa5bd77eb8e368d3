package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, phone numbers, services and intents as callers say them. An empty column means none is read. */
class CallerDetailsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            je m'appelle Marie Dupont et je voudrais une coupe   | Marie Dupont
            Je m’appelle marie dupont                            | Marie Dupont
            Bonjour, c'est Marie, je voudrais un rendez-vous     | Marie
            c'est pour une coupe demain                          |
            mon nom est Jean-Pierre Martin                       | Jean-Pierre Martin
            au nom de Dupont s'il vous plaît                     | Dupont
            je suis disponible demain                            |
            my name is John Smith, I'd like a haircut            | John Smith
            Hi, this is Ann Lee                                  | Ann Lee
            I'm looking for an appointment                       |
            It's for a haircut                                   |
            """)
    void readsNames(String said, String name) {
        assertThat(CallerDetails.name(Utterance.of(said))).isEqualTo(Optional.ofNullable(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Marie Dupont.                  | Marie Dupont
            Oui, c'est Dupont              | Dupont
            euh, Durand                    | Durand
            John                           | John
            à 14h                          |
            je ne sais pas trop quoi dire  |
            """)
    void readsABareAnswerToWhatIsYourName(String said, String name) {
        assertThat(CallerDetails.nameAnswer(Utterance.of(said))).isEqualTo(Optional.ofNullable(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            c'est le 06 12 34 56 78                     | 0612345678
            +33 6 12 34 56 78                           | +33612345678
            my number is 415-555-0100                   | 4155550100
            demain à 14h30                              |
            le 12 mars à 11h                            |
            """)
    void readsPhoneNumbers(String said, String phone) {
        assertThat(CallerDetails.phone(Utterance.of(said))).isEqualTo(Optional.ofNullable(phone));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            une coupe et un brushing s'il vous plaît   | BLOW_DRY
            je voudrais une coloration                  | COLORING
            a beard trim                                | BEARD
            just a trim                                 | HAIRCUT
            un rendez-vous demain                       |
            """)
    void readsServices(String said, SalonService service) {
        assertThat(SalonService.find(Utterance.of(said))).isEqualTo(Optional.ofNullable(service));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Merci, au revoir                               | GOODBYE
            Je voudrais parler au responsable              | HUMAN
            I'd like to speak to someone                   | HUMAN
            Je dois annuler mon rendez-vous de demain      | CANCEL
            Est-ce que vous avez de la place demain ?      | BOOK
            Quels sont vos horaires ?                      | QUESTION
            Do you do kids' haircuts?                      | QUESTION
            How much is a haircut                          | QUESTION
            Bonsoir                                        | GREETING
            Merci beaucoup                                 | THANKS
            Marie Dupont                                   | OTHER
            """)
    void classifiesIntents(String said, CallerIntent intent) {
        assertThat(CallerIntent.of(Utterance.of(said))).isEqualTo(intent);
    }
}
