package dev.switchboard.domain;

import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.DtmfPolicy;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.assistant.TranscriberSettings;
import dev.switchboard.domain.assistant.VoiceSettings;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * Test data builders shared by the domain tests and, through the test-jar, by the adapters'
 * contract tests. Instants are whole microseconds because PostgreSQL stores no finer.
 */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Fixtures() {}

    public static Tenant tenant(String name) {
        return new Tenant(TenantId.random(), name, ZoneId.of("Europe/Paris"), T0);
    }

    public static Assistant assistant(TenantId tenant, String name) {
        return new Assistant(AssistantId.random(), tenant, name, "Warm and brief", "You answer the phone for a hair salon.",
                "Bonjour, salon Lumière, que puis-je pour vous ?", "fr-FR",
                new VoiceSettings("elevenlabs", "voice-123", 1.0),
                new TranscriberSettings("deepgram", "nova-3", "fr"),
                new ModelSettings("anthropic", "claude-sonnet-4-5", 0.3, 400),
                Set.of("book_appointment", "check_availability"), DtmfPolicy.standard(),
                new E164Number("+33142000000"), Runtime.RELAY, T0, T0);
    }

    public static PhoneNumber number(TenantId tenant, String e164, AssistantId assistant) {
        return new PhoneNumber(PhoneNumberId.random(), tenant, new E164Number(e164), "Front desk", assistant, null, null, T0);
    }

    /** A unique-looking E.164 number, so contract tests on a shared database do not collide. */
    public static String randomE164() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L);
        return "+1555" + String.format("%09d", digits);
    }

    public static Call call(TenantId tenant, Instant at) {
        return Call.started(tenant, CallDirection.INBOUND, "+33612345678", "+33142000001", Runtime.RELAY,
                null, null, "CA" + UUID.randomUUID().toString().replace("-", ""), CallStatus.RINGING, at);
    }

    public static Appointment appointment(TenantId tenant, Instant startsAt, Duration length) {
        return new Appointment(AppointmentId.random(), tenant, null, "Marie Curie", "+33612345678", "haircut",
                startsAt, startsAt.plus(length), Appointment.Status.BOOKED, T0);
    }
}
