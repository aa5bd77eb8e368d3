package dev.switchboard.domain.conversation;

import static dev.switchboard.domain.conversation.ScriptedLanguageModel.callsTools;
import static dev.switchboard.domain.conversation.ScriptedLanguageModel.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.InMemoryCallRepository;
import dev.switchboard.domain.conversation.RecordingOutput.Text;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationSessionTest {
    private final Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final ScriptedLanguageModel model = new ScriptedLanguageModel();
    private final RecordingOutput output = new RecordingOutput();
    private final ExecutorService toolThreads = Executors.newCachedThreadPool();
    private final TenantId tenant = TenantId.random();
    private final Call call = Fixtures.call(tenant, Fixtures.T0);
    private final Assistant assistant = withTools(Fixtures.assistant(tenant, "Reception"),
            Set.of("book_appointment", "check_availability", "transfer_to_human", "end_call", "send_digits"));

    private static Tool tool(String name, java.util.function.Function<Map<String, Object>, ToolOutcome> body) {
        return new Tool() {
            public ToolDefinition definition() {
                return new ToolDefinition(name, "test tool " + name, Map.of("type", "object"));
            }

            public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
                return body.apply(arguments);
            }
        };
    }

    private final Toolbox toolbox = new Toolbox(List.of(
            tool("book_appointment", args -> new ToolOutcome.Answer("Booked " + args.get("time") + ".", Map.of("booked", true))),
            tool("check_availability", args -> {
                throw new IllegalStateException("calendar offline");
            }),
            tool("transfer_to_human", args -> new ToolOutcome.TransferToHuman((String) args.get("reason"), "Transferring.", Map.of())),
            tool("end_call", args -> new ToolOutcome.EndCall("done", "Ending.", Map.of())),
            new dev.switchboard.domain.tool.SendDigitsTool(),
            tool("search_knowledge", args -> new ToolOutcome.Answer("never enabled", Map.of()))));

    private ConversationSession session(EngineSettings settings) {
        calls.add(call);
        return new ConversationSession(assistant, new TenantFacts("Salon Lumière", ZoneId.of("Europe/Paris"), "Tue-Sat 9:00-19:00"),
                Map.of(), new CallTimeline(call, CallRecorder.direct(calls), clock), model, toolbox, toolThreads, output, settings);
    }

    private ConversationSession session() {
        return session(EngineSettings.standard());
    }

    @AfterEach
    void stop_tool_threads() {
        toolThreads.shutdownNow();
    }

    @Test
    void streams_the_reply_as_it_arrives_and_records_transcript_and_timeline() {
        model.then(says("Bonjour", ", pour quel", " jour ?"));
        session().callerSaid("Je voudrais un rendez-vous.");

        assertThat(output.all()).containsExactly(new Text("Bonjour", false), new Text(", pour quel", false),
                new Text(" jour ?", false), new Text("", true));
        assertThat(transcript()).containsExactly("CALLER: Je voudrais un rendez-vous.", "AGENT: Bonjour, pour quel jour ?");
        assertThat(eventTypes()).containsExactly("caller.said", "model.requested", "model.first_token", "agent.said");
        var request = model.requests().get(0);
        assertThat(request.history()).containsExactly(new ChatTurn.CallerTurn("Je voudrais un rendez-vous."));
        assertThat(request.tools()).extracting(ToolDefinition::name)
                .containsExactly("book_appointment", "check_availability", "end_call", "send_digits", "transfer_to_human");
        assertThat(request.systemPrompt()).contains("Salon Lumière", "2026-03-02T10:00 Europe/Paris (Monday)", "Tue-Sat 9:00-19:00");
    }

    @Test
    void on_a_call_we_placed_tools_see_the_customers_number_not_ours() {
        var outbound = Call.started(tenant, dev.switchboard.domain.call.CallDirection.OUTBOUND, "+33142000001", "+33612345678",
                dev.switchboard.domain.assistant.Runtime.RELAY, assistant.id(), null, "CA" + "1".repeat(32),
                dev.switchboard.domain.call.CallStatus.IN_PROGRESS, Fixtures.T0);
        calls.add(outbound);
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        var tools = new Toolbox(List.of(new Tool() {
            public ToolDefinition definition() {
                return new ToolDefinition("book_appointment", "test", Map.of("type", "object"));
            }

            public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
                seen.set(context.callerNumber());
                return new ToolOutcome.Answer("Booked.", Map.of());
            }
        }));
        var session = new ConversationSession(assistant, new TenantFacts("Salon", ZoneId.of("UTC"), null), Map.of(),
                new CallTimeline(outbound, CallRecorder.direct(calls), clock), model, tools, toolThreads, output, EngineSettings.standard());
        model.then(callsTools(List.of(), new ToolCall("b1", "book_appointment", Map.of()))).then(says("Done."));

        session.callerSaid("Book me in.");

        assertThat(seen.get()).isEqualTo("+33612345678");
    }

    @Test
    void runs_tools_and_feeds_results_back_until_the_model_answers() {
        var booking = new ToolCall("call-1", "book_appointment", Map.of("date", "2026-03-03", "time", "10:00"));
        model.then(callsTools(List.of("Je regarde."), booking)).then(says("C'est réservé pour 10 h."));
        session().callerSaid("Demain 10 h.");

        assertThat(output.spoken()).isEqualTo("Je regarde.C'est réservé pour 10 h. | ");
        assertThat(model.requests().get(1).history()).containsExactly(
                new ChatTurn.CallerTurn("Demain 10 h."),
                new ChatTurn.AgentTurn("Je regarde.", List.of(booking)),
                new ChatTurn.ToolResult("call-1", "book_appointment", "Booked 10:00.", false));
        assertThat(eventTypes()).containsExactly("caller.said", "model.requested", "model.first_token", "agent.said", "tool.called",
                "tool.result", "model.requested", "model.first_token", "agent.said");
        assertThat(transcript()).containsExactly("CALLER: Demain 10 h.", "AGENT: Je regarde.",
                "TOOL: book_appointment: Booked 10:00.", "AGENT: C'est réservé pour 10 h.");
    }

    @Test
    void a_failing_unknown_or_slow_tool_becomes_an_error_result_the_model_talks_about() {
        var slow = new Toolbox(List.of(tool("book_appointment", args -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ToolOutcome.Answer("too late", Map.of());
        }), tool("check_availability", args -> {
            throw new IllegalStateException("calendar offline");
        })));
        calls.add(call);
        var session = new ConversationSession(assistant, new TenantFacts("Salon", ZoneId.of("UTC"), null), Map.of(),
                new CallTimeline(call, CallRecorder.direct(calls), clock), model, slow, toolThreads, output, new EngineSettings(5, Duration.ofMillis(200)));
        model.then(callsTools(List.of(), new ToolCall("a", "check_availability", Map.of()), new ToolCall("b", "launch_rockets", Map.of()),
                new ToolCall("c", "book_appointment", Map.of()))).then(says("Désolé, le calendrier ne répond pas."));
        session.callerSaid("Vous avez de la place ?");

        var results = model.requests().get(1).history().subList(2, 5);
        assertThat(results).extracting(turn -> ((ChatTurn.ToolResult) turn).isError()).containsExactly(true, true, true);
        assertThat(results).extracting(turn -> ((ChatTurn.ToolResult) turn).content()).containsExactly(
                "Error: check_availability failed. Tell the caller and offer another way.",
                "Error: no tool named launch_rockets is available.",
                "Error: book_appointment took too long and was stopped. Tell the caller and offer another way.");
        assertThat(output.spoken()).isEqualTo("Désolé, le calendrier ne répond pas. | ");
    }

    @Test
    void the_tool_loop_is_bounded_and_ends_with_a_polite_line() {
        model.always(callsTools(List.of(), new ToolCall("x", "book_appointment", Map.of("time", "10:00"))));
        session(new EngineSettings(3, Duration.ofSeconds(2))).callerSaid("Réservez.");

        assertThat(model.requests()).hasSize(3);
        assertThat(output.spoken()).isEqualTo("Je n'arrive pas à finaliser cela maintenant. Voulez-vous que je vous passe un conseiller ? | ");
        assertThat(events()).filteredOn(e -> e.type().equals("error")).extracting(e -> e.data().get("stage")).containsExactly("tool-loop");
    }

    @Test
    void a_model_failure_before_any_word_gives_a_fallback_line_and_the_call_goes_on() {
        model.then(new ScriptedLanguageModel.Fails(new PortFailure(PortFailure.Category.UNAVAILABLE, "HTTP 500 from provider")))
                .then(says("Oui, je vous écoute."));
        var session = session();
        session.callerSaid("Allô ?");
        session.callerSaid("Vous m'entendez ?");

        assertThat(output.spoken()).isEqualTo(
                "Désolé, j'ai un petit souci technique. Pouvez-vous répéter, s'il vous plaît ? | Oui, je vous écoute. | ");
        assertThat(events()).filteredOn(e -> e.type().equals("error")).extracting(CallEvent::data).containsExactly(
                Map.of("stage", "model", "round", 1, "category", "UNAVAILABLE", "message", "HTTP 500 from provider", "spokenBeforeFailure", false));
    }

    @Test
    void a_barge_in_stops_the_reply_and_stores_what_the_caller_heard() throws Exception {
        var streaming = new CountDownLatch(1);
        model.then(new ScriptedLanguageModel.HangsAfter(List.of("Nous avons ", "mardi à 10 h, ", "mercredi à 15 h"), streaming))
                .then(says("D'accord, jeudi alors."));
        var session = session();
        var turn = new Thread(() -> session.callerSaid("Quelles disponibilités ?"));
        turn.start();
        assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
        session.interrupted("Nous avons mardi");
        turn.join(5_000);
        session.callerSaid("Plutôt jeudi.");

        assertThat(messages()).extracting(m -> m.speaker() + ": " + m.text() + (m.interrupted() ? " (interrupted)" : "")).containsExactly(
                "CALLER: Quelles disponibilités ?", "AGENT: Nous avons mardi (interrupted)", "CALLER: Plutôt jeudi.",
                "AGENT: D'accord, jeudi alors.");
        assertThat(model.requests().get(1).history()).containsExactly(new ChatTurn.CallerTurn("Quelles disponibilités ?"),
                new ChatTurn.AgentTurn("Nous avons mardi", List.of()), new ChatTurn.CallerTurn("Plutôt jeudi."));
        assertThat(eventTypes()).contains("agent.interrupted");
    }

    @Test
    void a_barge_in_after_the_reply_was_generated_truncates_the_stored_message() {
        model.then(says("Bonjour, nous sommes ouverts de neuf heures à dix-neuf heures.")).then(says("Très bien."));
        var session = session();
        session.callerSaid("Vous êtes ouverts ?");
        session.interrupted("Bonjour, nous sommes ouverts");
        session.callerSaid("Merci.");

        assertThat(messages().get(1)).extracting(CallMessage::text, CallMessage::interrupted).containsExactly("Bonjour, nous sommes ouverts", true);
        assertThat(model.requests().get(1).history().get(1)).isEqualTo(new ChatTurn.AgentTurn("Bonjour, nous sommes ouverts", List.of()));
    }

    @Test
    void a_barge_in_while_the_whole_reply_is_being_stored_cuts_that_reply_and_leaves_one_agent_message() throws Exception {
        model.then(says("Bonjour, nous sommes ouverts de neuf heures à dix-neuf heures.")).then(says("Très bien."));
        var session = new java.util.concurrent.atomic.AtomicReference<ConversationSession>();
        var bargeIn = new Thread(() -> session.get().interrupted("Bonjour, nous sommes ouverts"));
        // The barge-in arrives exactly while the finished reply is written: it must wait for it and cut it.
        var racing = new StoreHook(calls, message -> {
            if (message.speaker() == CallMessage.Speaker.AGENT && !message.interrupted() && !bargeIn.isAlive() && bargeIn.getState() == Thread.State.NEW) {
                bargeIn.start();
                try {
                    bargeIn.join(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        calls.add(call);
        session.set(new ConversationSession(assistant, new TenantFacts("Salon Lumière", ZoneId.of("Europe/Paris"), "Tue-Sat 9:00-19:00"),
                Map.of(), new CallTimeline(call, CallRecorder.direct(racing), clock), model, toolbox, toolThreads, output, EngineSettings.standard()));
        session.get().callerSaid("Vous êtes ouverts ?");
        bargeIn.join(5_000);
        session.get().callerSaid("Merci.");

        assertThat(transcript()).containsExactly("CALLER: Vous êtes ouverts ?", "AGENT: Bonjour, nous sommes ouverts",
                "CALLER: Merci.", "AGENT: Très bien.");
        assertThat(messages().get(1).interrupted()).isTrue();
        assertThat(model.requests().get(1).history().get(1)).isEqualTo(new ChatTurn.AgentTurn("Bonjour, nous sommes ouverts", List.of()));
    }

    /** The in-memory calls, running a hook just before each transcript message is stored. */
    private record StoreHook(InMemoryCallRepository calls, java.util.function.Consumer<CallMessage> beforeSave)
            implements dev.switchboard.domain.call.CallRepository {
        public void add(Call c) { calls.add(c); }
        public void update(Call c) { calls.update(c); }
        public boolean replaceIfStatus(Call c, dev.switchboard.domain.call.CallStatus expected) { return calls.replaceIfStatus(c, expected); }
        public java.util.Optional<Call> findById(TenantId t, dev.switchboard.domain.call.CallId id) { return calls.findById(t, id); }
        public java.util.Optional<Call> findByProviderCallId(TenantId t, String id) { return calls.findByProviderCallId(t, id); }
        public void recordVerdict(TenantId t, dev.switchboard.domain.call.CallId id, String verdict) { calls.recordVerdict(t, id, verdict); }
        public java.util.Map<dev.switchboard.domain.call.CallId, String> verdicts(TenantId t, java.util.Collection<dev.switchboard.domain.call.CallId> ids) {
            return calls.verdicts(t, ids);
        }
        public dev.switchboard.domain.shared.Page<Call> list(TenantId t, dev.switchboard.domain.call.CallQuery q, dev.switchboard.domain.shared.PageRequest p) {
            return calls.list(t, q, p);
        }
        public dev.switchboard.domain.call.CallStats stats(TenantId t, java.time.Instant from, java.time.Instant to, ZoneId zone) {
            return calls.stats(t, from, to, zone);
        }
        public void appendEvent(CallEvent e) { calls.appendEvent(e); }
        public List<CallEvent> events(TenantId t, dev.switchboard.domain.call.CallId id) { return calls.events(t, id); }
        public void saveMessage(CallMessage m) {
            beforeSave.accept(m);
            calls.saveMessage(m);
        }
        public List<CallMessage> messages(TenantId t, dev.switchboard.domain.call.CallId id) { return calls.messages(t, id); }
    }

    @Test
    void dtmf_0_transfers_1_repeats_9_ends_and_others_are_only_noted() {
        model.then(says("Nous sommes ouverts du mardi au samedi."));
        var session = session();
        session.callerSaid("Horaires ?");
        session.digitPressed('5');
        session.digitPressed('1');
        session.digitPressed('0');

        assertThat(output.all()).endsWith(new Text("Nous sommes ouverts du mardi au samedi.", true),
                new Text("Je vous mets en relation avec un conseiller, ne quittez pas.", true),
                new HandOff(new E164Number("+33142000000"), "caller pressed 0", "Horaires ?"));
        assertThat(events()).filteredOn(e -> e.type().equals("dtmf.pressed")).extracting(e -> e.data().get("action"))
                .containsExactly("none", "REPEAT_LAST_MESSAGE", "TRANSFER_TO_HUMAN");

        var ending = new RecordingOutput();
        var call2 = Fixtures.call(tenant, Fixtures.T0);
        calls.add(call2);
        new ConversationSession(assistant, new TenantFacts("S", ZoneId.of("UTC"), null), Map.of(), new CallTimeline(call2, CallRecorder.direct(calls), clock),
                model, toolbox, toolThreads, ending, EngineSettings.standard()).digitPressed('9');
        assertThat(ending.all()).containsExactly(new Text("Merci de votre appel, au revoir !", true), "hang up: caller pressed 9");
    }

    @Test
    void the_model_can_press_keys_to_get_through_a_phone_menu() {
        model.then(callsTools(List.of(), new ToolCall("k", "send_digits", Map.of("digits", "2w1")))).then(says("J'attends le service client."));
        session().callerSaid("Pour le service client, tapez 2 puis 1.");

        assertThat(output.all()).containsExactly("keys: 2w1", new Text("J'attends le service client.", false), new Text("", true));
        assertThat(events()).filteredOn(e -> e.type().equals("digits.sent")).extracting(CallEvent::data)
                .containsExactly(Map.of("digits", "2w1", "sent", true));
    }

    @Test
    void transfer_and_end_call_tools_end_the_conversation_with_the_runtime() {
        model.then(callsTools(List.of(), new ToolCall("t", "transfer_to_human", Map.of("reason", "wants the manager"))));
        var session = session();
        session.callerSaid("Je veux parler au responsable.");
        session.callerSaid("Allô ?");

        assertThat(output.all()).containsExactly(new Text("Je vous mets en relation avec un conseiller, ne quittez pas.", true),
                new HandOff(new E164Number("+33142000000"), "wants the manager", "Je veux parler au responsable."));
        assertThat(model.requests()).hasSize(1);
    }

    private static Assistant withTools(Assistant a, Set<String> tools) {
        return new Assistant(a.id(), a.tenantId(), a.name(), a.persona(), a.systemPrompt(), a.firstMessage(), a.language(), a.voice(),
                a.transcriber(), a.model(), tools, a.dtmfPolicy(), a.transferNumber(), a.runtime(), a.createdAt(), a.updatedAt());
    }

    private List<CallEvent> events() {
        return calls.events(tenant, call.id());
    }

    private List<String> eventTypes() {
        return events().stream().map(CallEvent::type).toList();
    }

    private List<CallMessage> messages() {
        return calls.messages(tenant, call.id());
    }

    private List<String> transcript() {
        return messages().stream().map(m -> m.speaker() + ": " + m.text()).toList();
    }
}
