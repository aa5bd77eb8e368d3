package dev.switchboard.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.knowledge.InMemoryKnowledgeRepository;
import dev.switchboard.domain.knowledge.KnowledgeRepositoryContract;
import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** search_knowledge, transfer_to_human, end_call, and all six together in a Toolbox. */
class CallControlToolsTest {
    private final TenantId tenant = TenantId.random();
    private final ToolContext context = ToolTestSupport.context(tenant, CallId.random());
    private final InMemoryKnowledgeRepository knowledge = new InMemoryKnowledgeRepository();
    private final SearchKnowledgeTool search = new SearchKnowledgeTool(knowledge);

    @Test
    void search_knowledge_answers_from_the_assistants_language_first() {
        var tarifs = KnowledgeRepositoryContract.document(tenant, "Tarifs", "Coupe femme : 35 euros. Parking gratuit.", "fr");
        var prices = KnowledgeRepositoryContract.document(tenant, "Prices", "A haircut costs 35 euros.", "en");
        knowledge.save(tarifs);
        knowledge.save(prices);
        var outcome = search.run(context, Map.of("query", "euros"));
        assertThat(outcome.forModel()).isEqualTo("Found 1 passage:\n1. Tarifs: Coupe femme : 35 euros.");
        assertThat(outcome.details()).containsEntry("query", "euros").containsEntry("language", "fr-FR")
                .containsEntry("results", List.of(Map.of("documentId", tarifs.id().toString(), "title", "Tarifs", "rank", 2.0)));
        // Nothing in French: every language is searched.
        assertThat(search.run(context, Map.of("query", "haircut")).forModel()).isEqualTo("Found 1 passage:\n1. Prices: A haircut costs 35 euros.");
    }

    @Test
    void search_knowledge_admits_when_it_knows_nothing() {
        assertThat(search.run(context, Map.of("query", "horaires")).forModel())
                .isEqualTo("No information found for \"horaires\". Do not guess: say you do not know, and offer a transfer or a message.");
        assertThat(search.run(context, Map.of()).forModel()).startsWith("Invalid arguments for search_knowledge: query is required.");
    }

    @Test
    void transfer_to_human_hands_off_to_the_assistants_number() {
        var outcome = new TransferToHumanTool().run(context, Map.of("reason", "wants the manager"));
        assertThat(outcome).isEqualTo(new ToolOutcome.TransferToHuman("wants the manager",
                "Transferring to a human now.", "Tell the caller in one short sentence that you are putting them through.",
                Map.of("reason", "wants the manager", "result", "transferring", "to", "+33142000000")));
        var nobody = new ToolContext(tenant, ToolTestSupport.withoutTransferNumber(context.assistant()), null, null);
        assertThat(new TransferToHumanTool().run(nobody, Map.of("reason", "x"))).isEqualTo(new ToolOutcome.Answer(
                "No transfer possible: no human line is set up.", "Offer to take a message instead.",
                Map.of("reason", "x", "result", "no_transfer_number")));
    }

    @Test
    void end_call_hangs_up_after_goodbye() {
        assertThat(new EndCallTool().run(context, Map.of("reason", "caller said goodbye"))).isEqualTo(new ToolOutcome.EndCall(
                "caller said goodbye", "The agent ended the call (caller said goodbye).",
                "The call ends after your next message. Say a short goodbye.", Map.of("reason", "caller said goodbye")));
        assertThat(new EndCallTool().run(context, Map.of())).isInstanceOf(ToolOutcome.EndCall.class);
    }

    @Test
    void the_six_tools_fit_in_one_toolbox_by_their_names() {
        var calendar = new dev.switchboard.domain.appointment.SalonCalendar();
        var tools = List.<Tool>of(search, new CheckAvailabilityTool(calendar.checkAvailability),
                new BookAppointmentTool(calendar.bookAppointment), new CancelAppointmentTool(calendar.cancelAppointment, calendar.tenants),
                new TransferToHumanTool(), new EndCallTool());
        var assistant = Fixtures.assistant(tenant, "Reception");
        var all = new dev.switchboard.domain.assistant.Assistant(assistant.id(), tenant, "All", null, "prompt", null, "fr-FR",
                assistant.voice(), assistant.transcriber(), assistant.model(),
                java.util.Set.of("search_knowledge", "check_availability", "book_appointment", "cancel_appointment", "transfer_to_human", "end_call"),
                null, null, assistant.runtime(), assistant.createdAt(), assistant.updatedAt());
        assertThat(new Toolbox(tools).definitionsFor(all)).extracting(ToolDefinition::name).containsExactly("book_appointment",
                "cancel_appointment", "check_availability", "end_call", "search_knowledge", "transfer_to_human");
        for (var tool : tools) {
            assertThat(tool.definition().parameters()).containsEntry("type", "object").containsKeys("properties", "required");
            assertThat(tool.definition().description()).hasSizeGreaterThan(40);
        }
    }
}
