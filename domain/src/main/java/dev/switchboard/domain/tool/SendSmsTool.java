package dev.switchboard.domain.tool;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.sms.SendSms;
import dev.switchboard.domain.sms.SmsStatus;
import dev.switchboard.domain.telephony.OutgoingSms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code send_sms(body)}: texts the person on the call — e.g. the confirmation of the appointment
 * just booked — from the number of the call. Only ever to that person (the caller of an inbound
 * call, the customer of an outbound one): the model cannot text anyone else. A recipient who
 * replied STOP to the tenant is not texted, and the model is told so.
 */
public final class SendSmsTool implements Tool {
    public static final String NAME = "send_sms";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Send a text message (SMS) to the person you are speaking with, on the phone number of this call, e.g. to confirm "
                    + "an appointment just booked with its day, time and service. Only use it when the caller agreed or asked for it.",
            Schemas.object(Schemas.properties("body", Schemas.string(
                    "The text to send, plain and short (at most 1600 characters), e.g. \"Salon Lumière: your haircut is booked "
                            + "for Saturday 14 March at 10:00.\"")), List.of("body")));

    private final SendSms sendSms;
    private final CallRepository calls;

    public SendSmsTool(SendSms sendSms, CallRepository calls) {
        this.sendSms = sendSms;
        this.calls = calls;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var body = args.text("body", true, OutgoingSms.MAX_BODY);
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();
        var to = context.callerNumber();
        if (!E164Number.isValid(to))
            return refused("Not sent: the caller's number is unknown or not a mobile number that can receive texts.", "no caller number");
        var call = context.callId() == null ? null : calls.findById(context.tenantId(), context.callId()).orElse(null);
        if (call == null || call.phoneNumberId() == null)
            return refused("Not sent: this call has no number of ours to text from.", "no number on the call");

        var result = sendSms.send(new SendSms.Command(context.tenantId(), call.phoneNumberId(), new E164Number(to), body, call.id()), context);
        var details = new LinkedHashMap<String, Object>();
        details.put("to", to);
        if (result instanceof SendSms.Result.Sent sent) {
            var sms = sent.sms();
            details.put("from", sms.from());
            details.put("messageId", sms.id().toString());
            details.put("status", sms.status().wireName());
            if (sms.status() != SmsStatus.FAILED)
                return new ToolOutcome.Answer("Text sent to the caller at " + to + ".", "You can tell them it is on its way.", details);
            if (sms.errorCode() != null) details.put("errorCode", sms.errorCode());
            details.put("error", sms.errorMessage());
            return new ToolOutcome.Answer("Not sent: the text could not be delivered (" + sms.errorMessage()
                    + ").", "Tell the caller you could not text them and offer to give the details now.", details);
        }
        if (result instanceof SendSms.Result.OptedOut) {
            details.put("error", "opted out");
            return new ToolOutcome.Answer("Not sent: this caller has unsubscribed from our texts (they replied STOP).",
                    "Give them the details by voice instead.", details);
        }
        details.put("error", result instanceof SendSms.Result.NoTwilioAccount ? "no Twilio account" : "unknown number");
        return new ToolOutcome.Answer("Not sent: texting is not set up for this line.", "Give the caller the details by voice instead.", details);
    }

    private static ToolOutcome refused(String forModel, String error) {
        var details = new LinkedHashMap<String, Object>();
        details.put("error", error);
        return new ToolOutcome.Answer(forModel, details);
    }
}
