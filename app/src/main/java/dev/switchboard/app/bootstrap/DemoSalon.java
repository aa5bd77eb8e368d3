package dev.switchboard.app.bootstrap;

import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.appointment.OpeningInterval;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.DtmfAction;
import dev.switchboard.domain.assistant.DtmfPolicy;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.assistant.TranscriberSettings;
import dev.switchboard.domain.assistant.VoiceSettings;
import dev.switchboard.domain.knowledge.KnowledgeDocument;
import dev.switchboard.domain.knowledge.KnowledgeDocumentId;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the demo tenant holds so a first simulated call can really book: a receptionist on the
 * offline model, a number, a stream receptionist (OpenAI Realtime, or the offline speech model
 * without a key) on a second number, opening hours every day (so "tomorrow" always works) and a page of
 * facts for {@code search_knowledge}.
 */
@Singleton
final class DemoSalon {
    static final String NUMBER = "+15005550006";
    /** The stream runtime's demo number ({@code ./switchboard simulate --stream}). */
    static final String STREAM_NUMBER = "+15005550007";
    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final AvailabilityRepository availability;
    private final KnowledgeRepository knowledge;
    private final Clock clock;

    DemoSalon(AssistantRepository assistants, PhoneNumberRepository numbers, AvailabilityRepository availability,
              KnowledgeRepository knowledge, Clock clock) {
        this.assistants = assistants;
        this.numbers = numbers;
        this.availability = availability;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    /** Whether the stream line is still to be added (a demo tenant created before it existed). */
    boolean lacksStreamLine() {
        return numbers.findByNumber(new E164Number(STREAM_NUMBER)).isEmpty();
    }

    /**
     * A second number whose receptionist runs on the stream runtime with OpenAI Realtime. With no
     * OpenAI key anywhere, the offline speech model answers it: it hears the caller speak and books
     * the first free slot on a keypad 1. Key 1 has no action of ours here (the standard policy
     * would replay the last message), so the model gets it.
     */
    void furnishStreamLine(TenantId tenant) {
        var now = clock.instant();
        var assistant = new Assistant(AssistantId.random(), tenant, "Reception (stream)",
                "Warm, brief, and precise about times and names.",
                "You answer the phone for Demo Salon, a hair salon. Help callers book appointments, answer questions about "
                        + "services and opening hours, and transfer to a human when asked.",
                "Hello, Demo Salon, how can I help you today?", "en-US",
                new VoiceSettings("openai", "marin", 1.0), new TranscriberSettings("openai", "whisper-1", "en-US"),
                new ModelSettings("openai", "gpt-realtime", 0.8, 400),
                Set.of("check_availability", "book_appointment", "transfer_to_human", "end_call"),
                new DtmfPolicy(Map.of('0', DtmfAction.TRANSFER_TO_HUMAN, '9', DtmfAction.END_CALL)), new E164Number("+15005550009"),
                Runtime.STREAM, now, now);
        assistants.save(assistant);
        numbers.save(new PhoneNumber(PhoneNumberId.random(), tenant, new E164Number(STREAM_NUMBER), "Demo stream line", assistant.id(),
                null, null, now));
    }

    void furnish(TenantId tenant) {
        var now = clock.instant();
        var assistant = new Assistant(AssistantId.random(), tenant, "Reception",
                "Warm, brief, and precise about times and names.",
                "You answer the phone for Demo Salon, a hair salon. Help callers book, move or cancel appointments, "
                        + "answer questions about services and opening hours, and transfer to a human when asked.",
                "Hello, Demo Salon, how can I help you today?", "en-US",
                new VoiceSettings("google", "en-US-Journey-O", 1.0), new TranscriberSettings("deepgram", "nova-3", "en-US"),
                new ModelSettings("offline", "demo-brain", 0.3, 400),
                Set.of("search_knowledge", "check_availability", "book_appointment", "cancel_appointment", "transfer_to_human", "end_call"),
                DtmfPolicy.standard(), new E164Number("+15005550009"), Runtime.RELAY, now, now);
        assistants.save(assistant);
        numbers.save(new PhoneNumber(PhoneNumberId.random(), tenant, new E164Number(NUMBER), "Demo line", assistant.id(), null, null, now));
        furnishStreamLine(tenant);
        var hours = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) hours.put(day, List.of(OpeningInterval.parse("09:00-19:00")));
        availability.save(tenant, new AvailabilityRules(hours, Duration.ofMinutes(30),
                Map.of("haircut", Duration.ofMinutes(30), "coloring", Duration.ofMinutes(90), "blow-dry", Duration.ofMinutes(30)),
                Duration.ofMinutes(30), new TreeSet<>()));
        knowledge.save(new KnowledgeDocument(KnowledgeDocumentId.random(), tenant, "Prices and opening hours",
                "A haircut costs 35 dollars, coloring 80 dollars, a blow-dry 25 dollars. We are open every day from 9 am to 7 pm. "
                        + "Demo Salon is at 12 Main Street, with free parking behind the building.", "en", now, now));
    }
}
