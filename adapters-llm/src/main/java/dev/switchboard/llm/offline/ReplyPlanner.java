package dev.switchboard.llm.offline;

import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides the next reply from the whole request: after a caller turn, what they want (goodbye,
 * a person, a question, the next step of a booking); after a tool result, what it means for the
 * caller. It asks for at most one tool per reply, and never for a tool after a tool result, so a
 * turn takes two rounds at most.
 */
final class ReplyPlanner {
    /** The reply to stream: words, then the tools it asks for. */
    record Plan(String text, List<ToolCall> toolCalls) {}

    private final List<ChatTurn> history;
    private final Map<String, ToolDefinition> tools;
    private final OfflineReplies say;
    private final BookingSlots slots;
    private final LocalDate today;

    ReplyPlanner(ModelRequest request) {
        var facts = PromptFacts.read(request.systemPrompt());
        this.today = facts.now().toLocalDate();
        this.history = request.history();
        this.tools = request.tools().stream().collect(Collectors.toMap(ToolDefinition::name, Function.identity(), (a, b) -> a));
        this.say = new OfflineReplies(facts.french());
        this.slots = BookingSlots.read(history, facts.now().toLocalDate(), required("book_appointment", "client_phone"));
    }

    Plan plan() {
        var last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (last instanceof ChatTurn.ToolResult result) return afterTool(result);
        if (last instanceof ChatTurn.CallerTurn caller) return afterCaller(CallerReading.of(caller.text(), today));
        return speak(say.greeting());
    }

    private Plan afterCaller(CallerReading reading) {
        var said = reading.said();
        var intent = reading.intent();
        switch (intent) {
            case GOODBYE:
                return tool(say.goodbye(), "end_call", Map.of("reason", "caller said goodbye")).orElse(speak(say.goodbye()));
            case HUMAN:
                return tool(say.transferring(), "transfer_to_human", Map.of("reason", "caller asked for a person: " + said.raw()))
                        .orElse(speak(say.cannotTransfer()));
            case CANCEL:
                return tool(say.cancelThroughHuman(), "transfer_to_human", Map.of("reason", "caller wants to cancel an appointment: " + said.raw()))
                        .orElse(speak(say.cannotCancel()));
            default:
        }
        if (slots.advanced()) {
            var step = bookingStep();
            return CallerIntent.GREETING.in(said) ? new Plan(say.hello() + " " + step.text(), step.toolCalls()) : step;
        }
        if (intent == CallerIntent.QUESTION)
            return tool(say.lookingUp(), "search_knowledge", Map.of("query", said.raw())).orElse(speak(say.dontKnow()));
        if (slots.active()) return bookingStep();
        if (intent == CallerIntent.GREETING) return speak(say.greeting());
        if (intent == CallerIntent.THANKS) return speak(say.welcome());
        return speak(say.offerHelp());
    }

    /** Asks for the first missing detail, or books once everything is known. */
    private Plan bookingStep() {
        var missing = slots.missing();
        if (missing.isEmpty()) {
            var arguments = new LinkedHashMap<String, Object>();
            arguments.put("date", slots.date().toString());
            arguments.put("time", slots.time().toString());
            arguments.put("client_name", slots.name());
            slots.phone().ifPresent(phone -> arguments.put("client_phone", phone));
            arguments.put("service_type", slots.service().name(say.french()));
            return tool(say.booking(), "book_appointment", arguments).orElse(speak(say.bookingFailed()));
        }
        return switch (missing.get()) {
            case DATE -> speak(say.askDate());
            case TIME -> {
                if (!slots.offered().isEmpty()) yield speak(say.free(slots.date(), slots.offered()));
                if (slots.checked(slots.date())) yield speak(say.askTime(slots.date()));
                yield tool(say.checking(slots.date()), "check_availability",
                        Map.of("date", slots.date().toString(), "service_type", slots.service().name(say.french())))
                        .orElse(speak(say.askTime(slots.date())));
            }
            case NAME -> speak(say.askName(slots.date(), slots.time()));
            case PHONE -> speak(say.askPhone());
        };
    }

    private Plan afterTool(ChatTurn.ToolResult result) {
        var arguments = slots.call(result.toolCallId()).map(ToolCall::arguments).orElse(Map.of());
        var date = BookingSlots.parseDate(arguments.get("date")).orElse(slots.date());
        var time = BookingSlots.parseTime(arguments.get("time")).orElse(null);
        var answer = ToolAnswer.read(result, date, time);
        switch (result.toolName() == null ? "" : result.toolName()) {
            case "book_appointment":
                return speak(switch (answer.kind()) {
                    case BOOKED -> say.confirmed(date, time, serviceSpoken(arguments.get("service_type")),
                            String.valueOf(arguments.get("client_name")));
                    case UNAVAILABLE, CLOSED, PAST -> answer.offers().isEmpty() && answer.kind() == ToolAnswer.Kind.CLOSED ? say.closed(date)
                            : answer.offers().isEmpty() && answer.kind() == ToolAnswer.Kind.PAST ? say.past()
                            : say.taken(answer.offers().stream().limit(3).toList(), date);
                    case NEEDS_PHONE -> say.askPhone();
                    case NOT_BOOKABLE -> say.cannotBookByPhone();
                    default -> say.bookingFailed();
                });
            case "check_availability":
                return speak(switch (answer.kind()) {
                    case FREE -> say.free(date, spread(answer.offers()));
                    case CLOSED -> say.closed(date);
                    case FULL -> say.full(date);
                    case PAST -> say.past();
                    case NOT_BOOKABLE -> say.cannotBookByPhone();
                    default -> say.askTime(date);
                });
            case "search_knowledge":
                var passage = KnowledgeAnswers.topPassage(result);
                var next = slots.missing().map(this::question).orElse(say.anythingElse());
                return speak(passage.map(p -> p + " " + next).orElse(say.dontKnow()));
            case "transfer_to_human":
                return speak(say.cannotTransfer());
            case "end_call":
                return speak(say.goodbye());
            default:
                return speak(result.isError() ? say.sorry() : say.anythingElse());
        }
    }

    /** The question for a missing detail, without any tool: to go back to the booking after an aside. */
    private String question(BookingSlots.Missing missing) {
        return switch (missing) {
            case DATE -> say.askDate();
            case TIME -> slots.offered().isEmpty() ? say.askTime(slots.date()) : say.free(slots.date(), slots.offered());
            case NAME -> say.askName(slots.date(), slots.time());
            case PHONE -> say.askPhone();
        };
    }

    /** Up to three offers, on different hours when the day has enough ("9 h, 10 h ou 14 h"). */
    private static List<ToolAnswer.Offer> spread(List<ToolAnswer.Offer> offers) {
        var byHour = new LinkedHashMap<Integer, ToolAnswer.Offer>();
        offers.forEach(o -> byHour.putIfAbsent(o.time().getHour(), o));
        var spread = byHour.size() >= 3 ? List.copyOf(byHour.values()) : offers;
        return spread.stream().limit(3).toList();
    }

    private String serviceSpoken(Object serviceType) {
        if (serviceType == null) return SalonService.HAIRCUT.phrase(say.french());
        return SalonService.find(Utterance.of(serviceType.toString())).map(s -> s.phrase(say.french())).orElse(serviceType.toString());
    }

    private Plan speak(String text) {
        return new Plan(text, List.of());
    }

    /** Words and a call of {@code name}, if the assistant offers that tool; arguments it does not declare are left out. */
    private Optional<Plan> tool(String text, String name, Map<String, Object> arguments) {
        var definition = tools.get(name);
        if (definition == null) return Optional.empty();
        var declared = definition.parameters().get("properties");
        var kept = new LinkedHashMap<String, Object>(arguments);
        if (declared instanceof Map<?, ?> properties) kept.keySet().retainAll(properties.keySet());
        return Optional.of(new Plan(text, List.of(new ToolCall(nextCallId(), name, kept))));
    }

    /** Unique within the call: one more than the tool calls already in the history. */
    private String nextCallId() {
        long made = history.stream().filter(t -> t instanceof ChatTurn.AgentTurn).mapToLong(t -> ((ChatTurn.AgentTurn) t).toolCalls().size()).sum();
        return "offline-" + (made + 1);
    }

    private boolean required(String tool, String parameter) {
        var definition = tools.get(tool);
        return definition != null && definition.parameters().get("required") instanceof List<?> required && required.contains(parameter);
    }

}
