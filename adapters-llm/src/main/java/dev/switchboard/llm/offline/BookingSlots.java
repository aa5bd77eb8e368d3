package dev.switchboard.llm.offline;

import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.tool.ToolCall;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the conversation so far says about the appointment being booked: day, time, name, phone,
 * service, the slots last offered. Re-read from the whole history at every request, so the model
 * keeps no state between calls. Replaying the history also tells which detail the agent asked for
 * last (always the first one missing), so a bare "Marie Dupont" can be read as the name.
 */
final class BookingSlots {
    enum Missing { DATE, TIME, NAME, PHONE }

    private final LocalDate today;
    private boolean phoneRequired;
    private boolean active;
    private boolean advanced;
    private LocalDate date;
    private LocalTime time;
    private String name;
    private String phone;
    private SalonService service;
    private List<ToolAnswer.Offer> offered = List.of();
    private final Map<String, ToolCall> calls = new HashMap<>();
    private final Set<LocalDate> checked = new HashSet<>();

    private BookingSlots(LocalDate today, boolean phoneRequired) {
        this.today = today;
        this.phoneRequired = phoneRequired;
    }

    static BookingSlots read(List<ChatTurn> history, LocalDate today, boolean phoneRequired) {
        var slots = new BookingSlots(today, phoneRequired);
        for (var turn : history) {
            if (turn instanceof ChatTurn.CallerTurn caller) slots.heard(CallerReading.of(caller.text(), today));
            else if (turn instanceof ChatTurn.AgentTurn agent) agent.toolCalls().forEach(slots::asked);
            else if (turn instanceof ChatTurn.ToolResult result) slots.answered(result);
        }
        return slots;
    }

    private void heard(CallerReading said) {
        var expecting = missing().orElse(null);
        var intent = said.intent();
        advanced = false;
        if (intent == CallerIntent.GOODBYE || intent == CallerIntent.HUMAN || intent == CallerIntent.CANCEL) return;
        var saidDate = said.date();
        var saidTime = said.time();
        var saidService = said.service();
        var saidName = said.name().or(() -> expecting == Missing.NAME && intent == CallerIntent.OTHER ? said.nameAnswer() : Optional.empty());
        var saidPhone = said.phone();
        var chosen = saidDate.isPresent() ? Optional.<ToolAnswer.Offer>empty() : chosenOffer(said, saidTime);
        if (chosen.isPresent()) {
            saidDate = Optional.ofNullable(chosen.get().date());
            saidTime = Optional.of(chosen.get().time());
        }
        advanced = intent == CallerIntent.BOOK || saidDate.isPresent() || saidTime.isPresent()
                || saidService.isPresent() && intent != CallerIntent.QUESTION
                || active && (saidName.isPresent() || saidPhone.isPresent());
        if (!advanced) return;
        active = true;
        saidDate.ifPresent(d -> date = d);
        saidTime.ifPresent(t -> time = t);
        saidService.ifPresent(s -> service = s);
        saidName.ifPresent(n -> name = n);
        saidPhone.ifPresent(p -> phone = p);
        if (saidDate.isPresent() || saidTime.isPresent()) offered = List.of();
    }

    /** One of the slots just offered, picked by its time ("15 h alors") or by agreeing ("oui" takes the first). */
    private Optional<ToolAnswer.Offer> chosenOffer(CallerReading said, Optional<LocalTime> saidTime) {
        if (offered.isEmpty()) return Optional.empty();
        if (saidTime.isPresent()) return offered.stream().filter(o -> o.time().equals(saidTime.get())).findFirst();
        return said.accepts() ? Optional.of(offered.get(0)) : Optional.empty();
    }

    private void asked(ToolCall call) {
        calls.put(call.id(), call);
        if (call.name().equals("check_availability")) parseDate(call.arguments().get("date")).ifPresent(checked::add);
    }

    private void answered(ChatTurn.ToolResult result) {
        var call = calls.get(result.toolCallId());
        if (call == null) return;
        var askedDate = parseDate(call.arguments().get("date")).orElse(date);
        var askedTime = parseTime(call.arguments().get("time")).orElse(null);
        var answer = ToolAnswer.read(result, askedDate, askedTime);
        if (answer.kind() == ToolAnswer.Kind.NOT_BOOKABLE) {
            active = false;
            return;
        }
        if (call.name().equals("book_appointment")) {
            switch (answer.kind()) {
                case BOOKED -> {
                    active = false;
                    date = null;
                    time = null;
                    service = null;
                    offered = List.of();
                }
                case UNAVAILABLE, CLOSED, PAST -> {
                    time = null;
                    offered = answer.offers();
                }
                case NEEDS_PHONE -> phoneRequired = true;
                default -> { }
            }
        } else if (call.name().equals("check_availability")) {
            offered = answer.offers();
            if (answer.kind() != ToolAnswer.Kind.FREE && answer.kind() != ToolAnswer.Kind.FAILED) date = null;
        }
    }

    /** The first detail still needed, in the order the agent asks for them; empty when not booking or all known. */
    Optional<Missing> missing() {
        if (!active) return Optional.empty();
        if (date == null) return Optional.of(Missing.DATE);
        if (time == null) return Optional.of(Missing.TIME);
        if (name == null) return Optional.of(Missing.NAME);
        if (phoneRequired && phone == null) return Optional.of(Missing.PHONE);
        return Optional.empty();
    }

    boolean active() { return active; }

    /** Whether the latest caller turn said something about the booking. */
    boolean advanced() { return advanced; }

    LocalDate date() { return date; }

    LocalTime time() { return time; }

    String name() { return name; }

    Optional<String> phone() { return Optional.ofNullable(phone); }

    /** The service asked for; a haircut when none was named. */
    SalonService service() { return service == null ? SalonService.HAIRCUT : service; }

    List<ToolAnswer.Offer> offered() { return offered; }

    boolean checked(LocalDate day) { return checked.contains(day); }

    Optional<ToolCall> call(String id) { return Optional.ofNullable(calls.get(id)); }

    static Optional<LocalDate> parseDate(Object value) {
        try {
            return value == null ? Optional.empty() : Optional.of(LocalDate.parse(value.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<LocalTime> parseTime(Object value) {
        try {
            return value == null ? Optional.empty() : Optional.of(LocalTime.parse(value.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
