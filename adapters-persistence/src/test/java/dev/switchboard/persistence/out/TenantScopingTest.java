package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallQuery;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.tenant.Tenant;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contracts do not cover: writes carrying another tenant's ids change nothing of theirs. */
@MicronautTest(transactional = false)
class TenantScopingTest {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;
    @Inject
    PostgresAssistantRepository assistants;
    @Inject
    PostgresPhoneNumberRepository numbers;
    @Inject
    PostgresAppointmentRepository appointments;

    private Tenant owner;
    private Tenant other;

    @BeforeEach
    void two_tenants() {
        owner = Fixtures.tenant("Owner");
        other = Fixtures.tenant("Other");
        tenants.save(owner);
        tenants.save(other);
    }

    @Test
    void an_update_under_another_tenant_changes_nothing() {
        var call = Fixtures.call(owner.id(), Fixtures.T0);
        calls.add(call);
        var forged = new Call(call.id(), other.id(), call.direction(), call.from(), call.to(), call.runtime(), null, null,
                call.providerCallId(), CallStatus.COMPLETED, call.createdAt(), null, null, 0, null, "forged", null, null);
        calls.update(forged);
        assertThat(calls.findById(owner.id(), call.id())).contains(call);
        assertThat(calls.findById(other.id(), call.id())).isEmpty();
    }

    @Test
    void events_and_turns_cannot_be_attached_to_another_tenants_call() {
        var call = Fixtures.call(owner.id(), Fixtures.T0);
        calls.add(call);
        assertThatThrownBy(() -> calls.appendEvent(new CallEvent(call.id(), other.id(), Fixtures.T0, "webhook.received", Map.of())))
                .isInstanceOfSatisfying(PortFailure.class, f -> assertThat(f.category()).isEqualTo(PortFailure.Category.NOT_FOUND));
        var turn = CallMessage.of(call, CallMessage.Speaker.CALLER, "Allô ?", Fixtures.T0);
        assertThatThrownBy(() -> calls.saveMessage(new CallMessage(turn.id(), call.id(), other.id(), turn.speaker(), "forged",
                turn.at(), false))).isInstanceOf(PortFailure.class);
        assertThat(calls.events(owner.id(), call.id())).isEmpty();
        assertThat(calls.messages(owner.id(), call.id())).isEmpty();
    }

    @Test
    void another_tenants_ids_are_refused_and_their_rows_untouched() {
        var assistant = Fixtures.assistant(owner.id(), "Reception");
        assistants.save(assistant);
        var copy = Fixtures.assistant(other.id(), "Copy");
        var sameId = new Assistant(assistant.id(), other.id(), "Copy", null, copy.systemPrompt(), null, copy.language(),
                copy.voice(), copy.transcriber(), copy.model(), copy.enabledTools(), copy.dtmfPolicy(), null,
                copy.runtime(), copy.createdAt(), copy.updatedAt());
        assertThatThrownBy(() -> assistants.save(sameId)).isInstanceOf(IllegalArgumentException.class);

        var number = Fixtures.number(owner.id(), Fixtures.randomE164(), null);
        numbers.save(number);
        var hijack = new PhoneNumber(number.id(), other.id(), new E164Number(Fixtures.randomE164()), null, null, null, null, Fixtures.T0);
        assertThatThrownBy(() -> numbers.save(hijack)).isInstanceOf(PhoneNumberRepository.NumberAlreadyTaken.class);

        var call = Fixtures.call(owner.id(), Fixtures.T0);
        calls.add(call);
        var sameCall = new Call(call.id(), other.id(), call.direction(), call.from(), call.to(), call.runtime(), null, null,
                "CAother", call.status(), call.createdAt(), null, null, null, null, null, null, null);
        assertThatThrownBy(() -> calls.add(sameCall)).isInstanceOf(IllegalArgumentException.class);

        assertThat(assistants.findById(owner.id(), assistant.id())).contains(assistant);
        assertThat(numbers.findById(owner.id(), number.id())).contains(number);
        assertThat(calls.findById(owner.id(), call.id())).contains(call);
        assertThat(assistants.list(other.id())).isEmpty();
        assertThat(numbers.list(other.id())).isEmpty();
    }

    @Test
    void a_number_cannot_point_at_another_tenants_assistant() {
        var assistant = Fixtures.assistant(owner.id(), "Reception");
        assistants.save(assistant);
        PhoneNumber theirs = Fixtures.number(other.id(), Fixtures.randomE164(), assistant.id());
        assertThatThrownBy(() -> numbers.save(theirs)).isInstanceOf(PortFailure.class);
        assertThat(numbers.findByNumber(theirs.number())).isEmpty();
    }

    @Test
    void an_appointment_cannot_cite_another_tenants_call() {
        var call = Fixtures.call(owner.id(), Fixtures.T0);
        calls.add(call);
        var booking = new Appointment(AppointmentId.random(), other.id(), call.id(), "Marie Curie", null, null,
                Fixtures.T0, Fixtures.T0.plus(Duration.ofMinutes(30)), Appointment.Status.BOOKED, Fixtures.T0);
        assertThatThrownBy(() -> appointments.add(booking)).isInstanceOf(PortFailure.class);
        assertThat(calls.list(other.id(), CallQuery.all(), PageRequest.first(10)).total()).isZero();
    }
}
