package dev.switchboard.llm.offline;

import dev.switchboard.domain.conversation.ChatTurn.ToolResult;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a tool's answer means for the conversation. The tools answer in English prose meant for a
 * language model, so this reads keywords and the {@code HH:mm} times in it, and when unsure says
 * {@link Kind#FAILED} rather than claim a booking that may not exist.
 *
 * @param offers slots the answer names as free (alternatives, or a day's free times), never the one asked for
 */
record ToolAnswer(Kind kind, List<Offer> offers) {
    enum Kind { BOOKED, UNAVAILABLE, CLOSED, PAST, NEEDS_PHONE, FREE, FULL, NOT_BOOKABLE, FAILED, INFO }

    /** A slot start the agent can propose. */
    record Offer(LocalDate date, LocalTime time) {}

    /** A start time, perhaps after its day ("2026-03-04 (wednesday) 10:00") and before its end ("-10:30"). */
    private static final Pattern SLOT =
            Pattern.compile("(?:(\\d{4}-\\d{2}-\\d{2})(?: ?\\([a-z]+\\))?[ T,]+)?(\\d{1,2}):(\\d{2})(?:\\s*-\\s*\\d{1,2}:\\d{2})?");
    private static final Pattern OFFER_CUE = Pattern.compile("instead|alternative|nearest|free|available|open slot|options?|try");

    /** Bounds the memory; beyond it, reading starts over. */
    private static final int REMEMBERED = 20_000;
    private static final Map<Key, ToolAnswer> READ = new ConcurrentHashMap<>();

    private record Key(ToolResult result, LocalDate askedDate, LocalTime askedTime) {}

    /**
     * What the result says about the slot asked for. Read once: the model re-reads every earlier
     * tool result of the call on each request, and a knowledge passage is long to fold (issue 12).
     */
    static ToolAnswer read(ToolResult result, LocalDate askedDate, LocalTime askedTime) {
        var key = new Key(result, askedDate, askedTime);
        var known = READ.get(key);
        if (known != null) return known;
        var answer = reading(result, askedDate, askedTime);
        if (READ.size() >= REMEMBERED) READ.clear();
        READ.put(key, answer);
        return answer;
    }

    private static ToolAnswer reading(ToolResult result, LocalDate askedDate, LocalTime askedTime) {
        var text = Utterance.of(result.content());
        var offers = offers(text.folded(), askedDate, askedTime);
        if (result.isError()) return new ToolAnswer(Kind.FAILED, List.of());
        if (text.has("cannot be booked", "not set its opening hours", "not configured", "no opening hours"))
            return new ToolAnswer(Kind.NOT_BOOKABLE, List.of());
        return switch (result.toolName() == null ? "" : result.toolName()) {
            case "book_appointment" -> new ToolAnswer(booking(text), offers);
            case "check_availability" -> new ToolAnswer(!offers.isEmpty() ? Kind.FREE
                    : text.has("closed") ? Kind.CLOSED : text.has("past", "is over") ? Kind.PAST : Kind.FULL, offers);
            default -> new ToolAnswer(Kind.INFO, List.of());
        };
    }

    private static Kind booking(Utterance text) {
        if (text.has("client_phone", "phone number", "phone") && text.has("required", "missing", "needed")) return Kind.NEEDS_PHONE;
        if (text.has("invalid", "must be")) return Kind.FAILED;
        if (text.has("taken", "unavailable", "not available", "already", "no longer", "not free", "outside", "conflict")) return Kind.UNAVAILABLE;
        if (text.has("closed")) return Kind.CLOSED;
        if (text.has("past", "already started")) return Kind.PAST;
        if (!text.has("not booked", "nothing booked") && text.has("booked", "confirmed", "reserved", "created")) return Kind.BOOKED;
        return Kind.FAILED;
    }

    /** Times after the first word that introduces free slots (so opening hours before it are not offered). */
    private static List<Offer> offers(String text, LocalDate askedDate, LocalTime askedTime) {
        var cue = OFFER_CUE.matcher(text);
        var from = cue.find() ? cue.start() : 0;
        var offers = new ArrayList<Offer>();
        var m = SLOT.matcher(text).region(from, text.length());
        while (m.find()) {
            int hour = Integer.parseInt(m.group(2)), minute = Integer.parseInt(m.group(3));
            if (hour > 23 || minute > 59) continue;
            var date = m.group(1) != null ? LocalDate.parse(m.group(1)) : askedDate;
            var offer = new Offer(date, LocalTime.of(hour, minute));
            boolean asked = offer.time().equals(askedTime) && (date == null || date.equals(askedDate));
            if (!asked && !offers.contains(offer)) offers.add(offer);
        }
        return List.copyOf(offers);
    }
}
