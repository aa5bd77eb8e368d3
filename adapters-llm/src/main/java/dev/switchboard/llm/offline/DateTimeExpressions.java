package dev.switchboard.llm.offline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Reads the day and the time of day out of what a caller said, in French or English, relative to
 * the business's local date: "demain à 14h", "mardi prochain à 9 h", "le 12 mars à 11h",
 * "tomorrow at 2pm", "next Tuesday at 9", "on March 12 at 11am". When an utterance holds several,
 * the last one wins, because callers correct themselves ("demain… non, jeudi").
 *
 * <p>Choices a person would have to make too: a weekday is its next occurrence after today
 * ("mardi prochain" said on a Monday is tomorrow; "lundi" said on a Monday is in a week, "ce
 * lundi" / "this Monday" is today); a day and month already past this year are next year; an hour
 * from 1 to 7 without "am", "matin" or "morning" is in the afternoon (nobody books a haircut at
 * 2 in the night). Numbers spelled as words ("two o'clock") are not understood.
 */
final class DateTimeExpressions {
    private static final String MONTHS_FR = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre";
    private static final String MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december";
    private static final String DAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
    private static final String DAYS_EN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String ORDINAL = "(?:st|nd|rd|th|er|eme|e)?";
    /** What may follow a number that is an hour or a quantity, not a day of the month. */
    private static final String NOT_A_DAY =
            "(?!\\s*(?:h(?![a-z])|heures?\\b|:|[ap]\\.? ?m\\b|o'?clock|of\\b|\\d|(?:" + MONTHS_FR + "|" + MONTHS_EN + ")\\b))";

    /** A pattern and how to read its match, given what the utterance says around it ({@code C}). */
    private record Rule<C, T>(Pattern pattern, BiFunction<MatchResult, C, Optional<T>> read) {}

    /** Whether the utterance places the time in the afternoon or the morning. */
    private record DayPart(boolean afternoon, boolean morning) {}

    private static final Pattern NEXT_OR_ON = Pattern.compile("next |on ");
    private static final Pattern HALF = Pattern.compile("et demie?|trente|thirty|30");

    /*
     * Compiled once: the rules run on every caller turn of every call, and compiling them per turn
     * was the largest single cost of the offline model under load (issue 12's profile).
     */
    private static final List<Rule<LocalDate, LocalDate>> DATE_RULES = List.of(
            rule("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", (m, today) -> valid(() -> LocalDate.of(num(m, 1), num(m, 2), num(m, 3)))),
            rule("\\b(?:apres[- ]?demain|day after tomorrow)\\b", (m, today) -> Optional.of(today.plusDays(2))),
            rule("(?<!apres-)(?<!apres )(?<!apres)\\bdemain\\b|(?<!after )\\btomorrow\\b", (m, today) -> Optional.of(today.plusDays(1))),
            rule("\\b(?:aujourd'?hui|today|tonight|ce soir|ce matin|cet apres-midi|this morning|this afternoon|this evening)\\b",
                    (m, today) -> Optional.of(today)),
            rule("\\b(?:dans|in) (\\d{1,2}) (?:jours?|days?)\\b", (m, today) -> Optional.of(today.plusDays(num(m, 1)))),
            rule("\\b(\\d{1,2}|premier)" + ORDINAL + " (?:of )?(" + MONTHS_FR + "|" + MONTHS_EN + ")\\b",
                    (m, today) -> dayOfMonth(today, m.group(1), month(m.group(2)))),
            rule("\\b(" + MONTHS_EN + ")(?: the)? (\\d{1,2})(?:st|nd|rd|th)?\\b" + NOT_A_DAY,
                    (m, today) -> dayOfMonth(today, m.group(2), month(m.group(1)))),
            rule("\\b(?:le|the) (\\d{1,2}|premier)" + ORDINAL + "\\b" + NOT_A_DAY, (m, today) -> nextDayOfMonth(today, day(m.group(1)))),
            rule("\\b(ce |cette |this |next |on )?(" + DAYS_FR + "|" + DAYS_EN + ")\\b",
                    (m, today) -> Optional.of(weekday(today, m.group(2), m.group(1) != null && !NEXT_OR_ON.matcher(m.group(1)).matches()))));

    private static final List<Rule<DayPart, LocalTime>> TIME_RULES = List.of(
            rule("\\b(\\d{1,2})(?:[:h.](\\d{2}))? ?([ap])\\.? ?m\\b\\.?", (m, part) -> twelveHour(num(m, 1), num(m, 2), m.group(3).equals("p"))),
            rule("\\b(\\d{1,2}) ?(?:heures?|h)(?![a-z])(?: ?(\\d{2})(?!\\d))?(?: (et demie?|et quart|moins le quart|moins quart))?",
                    (m, part) -> spoken(num(m, 1), num(m, 2), m.group(3), part)),
            rule("\\b(\\d{1,2}):(\\d{2})\\b", (m, part) -> spoken(num(m, 1), num(m, 2), null, part)),
            rule("\\b(\\d{1,2}) ?o'? ?clock\\b", (m, part) -> spoken(num(m, 1), 0, null, part)),
            rule("\\b(half|quarter) (past|to) (\\d{1,2})\\b", (m, part) -> spoken(num(m, 3), 0,
                    m.group(1).equals("half") ? "et demie" : m.group(2).equals("past") ? "et quart" : "moins le quart", part)),
            rule("(?<!apres-)(?<!apres )\\b(?:midi|noon)(?: (et demie?|et quart|trente|thirty|30|quinze|fifteen|15))?\\b",
                    (m, part) -> spoken(12, 0, m.group(1) == null ? null
                            : HALF.matcher(m.group(1)).matches() ? "et demie" : "et quart", new DayPart(false, false))),
            rule("\\b(?:a|at|vers|around|about|for|pour) (\\d{1,2})(?:[ .](\\d{2}))?\\b(?!\\s*(?:h(?![a-z])|heures?|:|[ap]\\.? ?m\\b|o'?clock"
                    + "|jours?|days?|minutes?|min\\b|personnes?|people|ans\\b|years?|euros?|dollars?|%|\\d"
                    + "|(?:" + MONTHS_FR + "|" + MONTHS_EN + ")\\b))",
                    (m, part) -> spoken(num(m, 1), num(m, 2), null, part)));

    private DateTimeExpressions() {}

    static Optional<LocalDate> date(Utterance said, LocalDate today) {
        return last(said.folded(), DATE_RULES, today);
    }

    static Optional<LocalTime> time(Utterance said) {
        var part = new DayPart(said.has("apres-midi", "apres midi", "du soir", "ce soir", "afternoon", "evening", "tonight"),
                said.has("matin", "morning"));
        return last(said.folded(), TIME_RULES, part);
    }

    private static Optional<LocalTime> twelveHour(int hour, int minute, boolean pm) {
        if (hour < 1 || hour > 12) return Optional.empty();
        return valid(() -> LocalTime.of(hour % 12 + (pm ? 12 : 0), minute));
    }

    /** A 24-hour clock reading, with "et demie"-style minutes and the afternoon guess for 1 to 7. */
    private static Optional<LocalTime> spoken(int hour, int minute, String fraction, DayPart part) {
        if (fraction != null) {
            if (fraction.startsWith("et demi")) minute = 30;
            else if (fraction.equals("et quart")) minute = 15;
            else {
                hour -= 1;
                minute = 45;
            }
        }
        if (hour < 12 && part.afternoon()) hour += 12;
        else if (hour >= 1 && hour <= 7 && !part.morning()) hour += 12;
        int h = hour, min = minute;
        return valid(() -> LocalTime.of(h, min));
    }

    private static Optional<LocalDate> dayOfMonth(LocalDate today, String day, int month) {
        return valid(() -> LocalDate.of(today.getYear(), month, day(day))).map(d -> d.isBefore(today) ? d.plusYears(1) : d);
    }

    private static Optional<LocalDate> nextDayOfMonth(LocalDate today, int day) {
        for (int i = 0; i <= 12; i++) {
            var month = YearMonth.from(today).plusMonths(i);
            if (month.isValidDay(day) && !month.atDay(day).isBefore(today)) return Optional.of(month.atDay(day));
        }
        return Optional.empty();
    }

    private static LocalDate weekday(LocalDate today, String name, boolean thisWeek) {
        var target = DayOfWeek.of(index(DAYS_FR, name) >= 0 ? index(DAYS_FR, name) + 1 : index(DAYS_EN, name) + 1);
        int ahead = (target.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
        return today.plusDays(ahead == 0 && !thisWeek ? 7 : ahead);
    }

    private static int month(String name) {
        return index(MONTHS_FR, name) >= 0 ? index(MONTHS_FR, name) + 1 : index(MONTHS_EN, name) + 1;
    }

    private static int day(String text) {
        return text.equals("premier") ? 1 : Integer.parseInt(text);
    }

    private static int index(String alternatives, String name) {
        return List.of(alternatives.split("\\|")).indexOf(name);
    }

    private static int num(MatchResult m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    private static <T> Optional<T> valid(java.util.function.Supplier<T> value) {
        try {
            return Optional.of(value.get());
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static <C, T> Rule<C, T> rule(String regex, BiFunction<MatchResult, C, Optional<T>> read) {
        return new Rule<>(Pattern.compile(regex), read);
    }

    /** The value of the match that starts last; at the same place, the earlier rule wins. */
    private static <C, T> Optional<T> last(String text, List<Rule<C, T>> rules, C context) {
        int at = -1;
        Optional<T> found = Optional.empty();
        for (var rule : rules) {
            var m = rule.pattern().matcher(text);
            while (m.find()) {
                var value = rule.read().apply(m.toMatchResult(), context);
                if (value.isPresent() && m.start() > at) {
                    at = m.start();
                    found = value;
                }
            }
        }
        return found;
    }
}
