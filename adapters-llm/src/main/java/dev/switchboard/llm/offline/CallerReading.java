package dev.switchboard.llm.offline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the demo brain reads out of one caller line, whatever the conversation around it:
 * what they want, the day, the time, the service, a name, a phone number. The model keeps no
 * state between requests and re-reads the whole history each time, so every line of a call
 * would be parsed again on every later turn; a line is read once per day instead (issue 12: the
 * parsing was half the server's CPU under load).
 *
 * @param nameAnswer a bare name ("Marie Dupont"), which counts only when the agent asked for one
 */
record CallerReading(Utterance said, CallerIntent intent, Optional<LocalDate> date, Optional<LocalTime> time,
                     Optional<SalonService> service, Optional<String> name, Optional<String> nameAnswer,
                     Optional<String> phone, boolean accepts) {

    /** Bounds the memory; beyond it, reading starts over (the lines of live calls come back at once). */
    private static final int REMEMBERED = 20_000;
    private static final Map<Key, CallerReading> READ = new ConcurrentHashMap<>();

    private record Key(String text, LocalDate today) {}

    static CallerReading of(String text, LocalDate today) {
        var key = new Key(text, today);
        var known = READ.get(key);
        if (known != null) return known;
        var reading = read(Utterance.of(text), today);
        if (READ.size() >= REMEMBERED) READ.clear();
        READ.put(key, reading);
        return reading;
    }

    private static CallerReading read(Utterance said, LocalDate today) {
        return new CallerReading(said, CallerIntent.of(said), DateTimeExpressions.date(said, today), DateTimeExpressions.time(said),
                SalonService.find(said), CallerDetails.name(said), CallerDetails.nameAnswer(said), CallerDetails.phone(said),
                CallerIntent.accepts(said));
    }
}
