package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.InMemoryAssistantRepository;
import dev.switchboard.domain.phone.InMemoryPhoneNumberRepository;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerCallTest {
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final InMemoryAssistantRepository assistants = new InMemoryAssistantRepository(new InMemoryPhoneNumberRepository());
    private final AnswerCall answerCall = new AnswerCall(calls, assistants, Clock.fixed(T0, ZoneOffset.UTC));
    private final TenantId tenant = TenantId.random();

    private AnswerCall.Command command(dev.switchboard.domain.phone.PhoneNumber number) {
        return new AnswerCall.Command(number, "+33612345678", number.number().value(), "CA123", CallDirection.INBOUND,
                CallStatus.RINGING, Map.of("CallSid", "CA123"));
    }

    @Test
    void the_numbers_assistant_answers_and_a_retried_webhook_finds_the_same_call() {
        var assistant = Fixtures.assistant(tenant, "Reception");
        assistants.save(assistant);
        var number = Fixtures.number(tenant, "+33142000001", assistant.id());
        var first = answerCall.answer(command(number));
        var retry = answerCall.answer(command(number));

        assertThat(first).isInstanceOf(AnswerCall.Answer.Connect.class);
        assertThat(((AnswerCall.Answer.Connect) first).assistant()).isEqualTo(assistant);
        assertThat(retry.call()).isEqualTo(first.call());
        assertThat(first.call()).extracting(Call::assistantId, Call::phoneNumberId, Call::status, Call::direction)
                .containsExactly(assistant.id(), number.id(), CallStatus.RINGING, CallDirection.INBOUND);
        assertThat(calls.list(tenant, CallQuery.all(), dev.switchboard.domain.shared.PageRequest.first(10)).total()).isEqualTo(1);
        assertThat(calls.events(tenant, first.call().id())).extracting(e -> e.data().get("retry")).containsExactly(false, true);
    }

    @Test
    void a_number_without_assistant_is_recorded_and_not_connected() {
        var answer = answerCall.answer(command(Fixtures.number(tenant, "+33142000002", null)));
        assertThat(answer).isInstanceOf(AnswerCall.Answer.NoAssistant.class);
        assertThat(calls.events(tenant, answer.call().id())).extracting(CallEvent::type).containsExactly("webhook.received", "call.unanswered");
    }

    @Test
    void the_first_voice_webhook_of_a_call_we_placed_is_not_a_retry_and_its_second_delivery_is() {
        var assistant = Fixtures.assistant(tenant, "Orders");
        assistants.save(assistant);
        var number = Fixtures.number(tenant, "+33142000003", assistant.id());
        var placed = Call.started(tenant, CallDirection.OUTBOUND, number.number().value(), "+33612345678", assistant.runtime(),
                assistant.id(), number.id(), "CA123", CallStatus.QUEUED, T0);
        calls.add(placed);
        var answered = new AnswerCall.Command(number, number.number().value(), "+33612345678", "CA123", CallDirection.OUTBOUND,
                CallStatus.IN_PROGRESS, Map.of("CallSid", "CA123", "Direction", "outbound-api"));

        var first = answerCall.answer(answered);
        answerCall.answer(answered);

        assertThat(first.call().id()).isEqualTo(placed.id());
        assertThat(calls.events(tenant, placed.id())).filteredOn(e -> e.type().equals("webhook.received"))
                .extracting(e -> e.data().get("retry")).containsExactly(false, true);
    }
}
