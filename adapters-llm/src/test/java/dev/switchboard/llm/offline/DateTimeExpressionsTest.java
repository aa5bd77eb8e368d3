package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Day and time expressions against a fixed "today": Monday 2 March 2026. An empty column means nothing is read. */
class DateTimeExpressionsTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            demain à 14h                                | 2026-03-03 | 14:00
            Lundi 10h30                                 | 2026-03-09 | 10:30
            après-demain                                | 2026-03-04 |
            apres demain vers 16 h                      | 2026-03-04 | 16:00
            mardi prochain à 9 h                        | 2026-03-03 | 09:00
            aujourd'hui 15h                             | 2026-03-02 | 15:00
            aujourd’hui à 15 heures                     | 2026-03-02 | 15:00
            le 12 mars à 11h                            | 2026-03-12 | 11:00
            le 1er avril à midi                         | 2026-04-01 | 12:00
            jeudi à 17 heures 30                        | 2026-03-05 | 17:30
            vendredi à 3 heures de l'après-midi         | 2026-03-06 | 15:00
            samedi à 2h                                 | 2026-03-07 | 14:00
            samedi à 9 h du matin                       | 2026-03-07 | 09:00
            le 15 à 10h                                 | 2026-03-15 | 10:00
            le premier mars                             | 2027-03-01 |
            demain à 14 h et demie                      | 2026-03-03 | 14:30
            demain, non, plutôt jeudi à 11h             | 2026-03-05 | 11:00
            ce lundi à 16h                              | 2026-03-02 | 16:00
            dans 3 jours à 10h                          | 2026-03-05 | 10:00
            à 15h45                                     |            | 15:45
            à 10 heures moins le quart                  |            | 09:45
            le 20 février                               | 2027-02-20 |
            mercredi 11 mars à 8h15                     | 2026-03-11 | 08:15
            mon numéro est le 06 12 34 56 78            |            |
            je voudrais une coupe pour 2 personnes      |            |
            tomorrow at 2pm                             | 2026-03-03 | 14:00
            Monday 10:30                                | 2026-03-09 | 10:30
            next Tuesday at 9                           | 2026-03-03 | 09:00
            on March 12 at 11am                         | 2026-03-12 | 11:00
            the day after tomorrow at 4:15 pm           | 2026-03-04 | 16:15
            Friday at half past 3                       | 2026-03-06 | 15:30
            Friday at quarter to 5                      | 2026-03-06 | 16:45
            today at noon                               | 2026-03-02 | 12:00
            on the 20th at 9 a.m.                       | 2026-03-20 | 09:00
            the 12th of March at 10 o'clock             | 2026-03-12 | 10:00
            this Monday at 5                            | 2026-03-02 | 17:00
            Thursday at 10 30                           | 2026-03-05 | 10:30
            tomorrow morning at 7                       | 2026-03-03 | 07:00
            in 2 days at 3 in the afternoon             | 2026-03-04 | 15:00
            2026-03-20 at 10:00                         | 2026-03-20 | 10:00
            can I come in for 2 people?                 |            |
            my number is 555 123 4567                   |            |
            I'd like a haircut please                   |            |
            may I book something                        |            |
            """)
    void readsDayAndTime(String said, LocalDate date, LocalTime time) {
        var utterance = Utterance.of(said);
        assertThat(DateTimeExpressions.date(utterance, MONDAY)).isEqualTo(Optional.ofNullable(date));
        assertThat(DateTimeExpressions.time(utterance)).isEqualTo(Optional.ofNullable(time));
    }
}
