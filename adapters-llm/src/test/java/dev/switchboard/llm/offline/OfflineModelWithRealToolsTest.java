package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.SalonCalendar;
import dev.switchboard.domain.knowledge.InMemoryKnowledgeRepository;
import dev.switchboard.domain.knowledge.KnowledgeRepositoryContract;
import dev.switchboard.domain.tool.BookAppointmentTool;
import dev.switchboard.domain.tool.CheckAvailabilityTool;
import dev.switchboard.domain.tool.EndCallTool;
import dev.switchboard.domain.tool.SearchKnowledgeTool;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.TransferToHumanTool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo brain against the platform's real tools and use cases on in-memory stores: the salon of
 * the domain's fixtures (Paris, open Tuesday to Saturday 9-12 and 14-19), on Monday 2 March 2026 at 10:00.
 */
class OfflineModelWithRealToolsTest {
    private final SalonCalendar salon = new SalonCalendar();
    private final InMemoryKnowledgeRepository knowledge = new InMemoryKnowledgeRepository();
    private final List<Tool> tools = List.of(new CheckAvailabilityTool(salon.checkAvailability), new BookAppointmentTool(salon.bookAppointment),
            new SearchKnowledgeTool(knowledge), new TransferToHumanTool(), new EndCallTool());

    @Test
    void twoCallersBookTheSameAfternoonTheSecondIsOfferedTheNearestFreeTimes() {
        knowledge.save(KnowledgeRepositoryContract.document(salon.tenantId(), "Tarifs", "Une coupe femme coûte 35 euros. Parking gratuit.", "fr"));
        var marie = call("fr-FR", "+33612345678");
        assertThat(marie.callerSays("Bonjour, je voudrais prendre rendez-vous pour une coupe demain"))
                .isEqualTo("Bonjour ! Je regarde les disponibilités pour mardi 3 mars. "
                        + "Mardi 3 mars, j'ai de la place à 9 h, 10 h ou 11 h. Quelle heure vous convient ?");
        assertThat(marie.callerSays("Plutôt 14h30")).isEqualTo("Très bien, mardi 3 mars à 14 h 30. À quel nom, s'il vous plaît ?");
        assertThat(marie.callerSays("Je m'appelle Marie Dupont")).isEqualTo("Je vérifie et je réserve. "
                + "C'est noté : mardi 3 mars à 14 h 30 pour une coupe, au nom de Marie Dupont. Puis-je faire autre chose pour vous ?");
        assertThat(marie.callerSays("Quels sont vos tarifs ?")).isEqualTo("Je regarde. "
                + "Une coupe femme coûte 35 euros. Parking gratuit. Puis-je faire autre chose pour vous ?");
        assertThat(marie.callerSays("C'est tout, merci, au revoir")).isEqualTo("Merci de votre appel, au revoir ! ");

        var john = call("en-US", "+14155550100");
        assertThat(john.callerSays("Hi, can I book a haircut tomorrow at 2:30 pm? My name is John Smith."))
                .isEqualTo("Hello! Let me book that for you. That time isn't available. "
                        + "I can offer 2 PM, 3:30 PM or 4 PM. Which would suit you?");
        assertThat(john.callerSays("3:30 then")).isEqualTo("Let me book that for you. You're all set: Tuesday, March 3 at 3:30 PM "
                + "for a haircut, under the name John Smith. Is there anything else I can do for you?");

        assertThat(salon.appointments.list(salon.tenantId(), Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")))
                .extracting(Appointment::clientName, Appointment::clientPhone, Appointment::serviceType, Appointment::startsAt, Appointment::endsAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Marie Dupont", "+33612345678", "coupe",
                                Instant.parse("2026-03-03T13:30:00Z"), Instant.parse("2026-03-03T14:15:00Z")),
                        org.assertj.core.groups.Tuple.tuple("John Smith", "+14155550100", "haircut",
                                Instant.parse("2026-03-03T14:30:00Z"), Instant.parse("2026-03-03T15:00:00Z")));
    }

    private EngineLoop call(String language, String callerNumber) {
        var context = new ToolContext(salon.tenantId(), Fixtures.assistant(salon.tenantId(), "Reception"), null, callerNumber);
        Map<String, Tool> byName = tools.stream().collect(Collectors.toMap(t -> t.definition().name(), Function.identity()));
        return new EngineLoop(language, tools.stream().map(Tool::definition).toList(),
                c -> byName.get(c.name()).run(context, c.arguments()));
    }
}
