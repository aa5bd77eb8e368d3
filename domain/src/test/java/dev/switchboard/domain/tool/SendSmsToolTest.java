package dev.switchboard.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.InMemoryCallRepository;
import dev.switchboard.domain.phone.InMemoryPhoneNumberRepository;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.sms.InMemorySmsRepository;
import dev.switchboard.domain.sms.SendSms;
import dev.switchboard.domain.sms.SmsQuery;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.HostedTool;
import dev.switchboard.domain.studio.VapiMapping;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code send_sms} before it reaches Twilio: its definition (as every runtime and Vapi see it),
 * bad arguments, and the cases where nothing may be sent. Sending through Twilio is covered
 * end to end by {@code SmsDuringCallE2eTest}.
 */
class SendSmsToolTest {
    private final TenantId tenant = TenantId.random();
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final InMemoryPhoneNumberRepository numbers = new InMemoryPhoneNumberRepository();
    private final InMemorySmsRepository messages = new InMemorySmsRepository();
    // No Telephony: every case here must stop before Twilio.
    private final SendSms sendSms = new SendSms(numbers, messages, messages, null, URI.create("https://sb.example.com/webhooks/twilio/sms-status"),
            Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    private final SendSmsTool tool = new SendSmsTool(sendSms, calls);
    private final Assistant assistant = Fixtures.assistant(tenant, "Orders");

    private Call callOnOurNumber() {
        var number = Fixtures.number(tenant, Fixtures.randomE164(), null);
        numbers.save(number);
        var call = Call.started(tenant, CallDirection.INBOUND, "+33612345678", number.number().value(), assistant.runtime(), assistant.id(),
                number.id(), "CA" + "1".repeat(32), CallStatus.IN_PROGRESS, Fixtures.T0);
        calls.add(call);
        return call;
    }

    @Test
    void the_definition_asks_only_for_the_text_and_goes_to_vapi_as_one_of_our_function_tools() {
        var definition = tool.definition();
        assertThat(definition.name()).isEqualTo("send_sms");
        assertThat(definition.parameters()).containsEntry("required", List.of("body")).containsEntry("additionalProperties", false);
        assertThat(((Map<?, ?>) definition.parameters().get("properties")).keySet()).isEqualTo(Set.of("body"));

        var texting = new Assistant(assistant.id(), tenant, assistant.name(), assistant.persona(), assistant.systemPrompt(),
                assistant.firstMessage(), assistant.language(), assistant.voice(), assistant.transcriber(), assistant.model(),
                Set.of("send_sms"), assistant.dtmfPolicy(), assistant.transferNumber(), assistant.runtime(), assistant.createdAt(),
                assistant.updatedAt());
        var spec = VapiMapping.spec(texting, List.of(definition), new HostedServer("https://sb.example.com/webhooks/vapi/t", "s"));
        assertThat(spec.tools()).containsExactly(new HostedTool.Function("send_sms", definition.description(), definition.parameters()));
    }

    @Test
    void without_a_body_the_model_is_told_how_to_call_again() {
        var call = callOnOurNumber();
        var outcome = tool.run(new ToolContext(tenant, assistant, call.id(), "+33612345678"), Map.of());

        assertThat(outcome).isInstanceOf(ToolOutcome.Answer.class);
        assertThat(outcome.forModel()).contains("body is required");
    }

    @Test
    void a_caller_without_a_phone_number_or_a_call_without_our_number_gets_no_text() {
        var call = callOnOurNumber();
        var hidden = tool.run(new ToolContext(tenant, assistant, call.id(), "anonymous"), Map.of("body", "Booked."));
        var noCall = tool.run(new ToolContext(tenant, assistant, null, "+33612345678"), Map.of("body", "Booked."));

        assertThat(hidden.details()).containsEntry("error", "no caller number");
        assertThat(noCall.details()).containsEntry("error", "no number on the call");
        assertThat(messages.list(tenant, SmsQuery.all(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void a_caller_who_replied_stop_gets_no_text_and_the_model_hears_why() {
        var call = callOnOurNumber();
        messages.optOut(tenant, "+33612345678", Fixtures.T0);

        var outcome = tool.run(new ToolContext(tenant, assistant, call.id(), "+33612345678"), Map.of("body", "Booked."));

        assertThat(outcome.forModel()).contains("unsubscribed from our texts");
        assertThat(outcome.details()).isEqualTo(Map.of("to", "+33612345678", "error", "opted out"));
        assertThat(messages.list(tenant, SmsQuery.all(), PageRequest.first(10)).items()).isEmpty();
    }
}
