package dev.switchboard.testkit.twilio;

import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * The phone network behind {@link FakeTwilioRest}, with a customer at the other end who picks up.
 * A placed call is played as Twilio plays an outbound-api call: status callbacks {@code initiated}
 * and {@code ringing} (those asked for), then the call's {@code Url} requested like Twilio
 * ({@code Direction=outbound-api}, signed with the account's auth token), and, when the TwiML
 * connects a ConversationRelay, the {@link VirtualCaller} as the customer saying {@code script};
 * then the hang-up with {@code in-progress} and {@code completed}. A sent text gets its delivery
 * reports {@code sent} and {@code delivered}. The fake's own record of the call or text moves along.
 * Everything that happens is told to {@code notes}, one line at a time.
 *
 * <p>Thread-safe: each call and text is played on the fake's thread for it.
 */
public final class AnsweringCustomer implements PhoneNetwork {
    private final FakeTwilioRest twilio;
    private final CallScript script;
    private final Duration replyTimeout;
    private final Consumer<String> notes;

    /**
     * @param twilio       the fake whose calls and texts these are (their status at Twilio moves along)
     * @param script       what the customer says once the agent has greeted them
     * @param replyTimeout how long the customer waits for each answer of the agent
     * @param notes        receives a line for each thing that happens
     */
    public AnsweringCustomer(FakeTwilioRest twilio, CallScript script, Duration replyTimeout, Consumer<String> notes) {
        this.twilio = twilio;
        this.script = script;
        this.replyTimeout = replyTimeout;
        this.notes = notes;
    }

    @Override
    public void dial(PlacedCall call) {
        try {
            var customer = customerOf(call);
            for (var early : new String[] {"initiated", "ringing"}) {
                if (call.statusCallback() == null || !call.statusEvents().contains(early)) continue;
                var posted = customer.postSigned(call.statusCallback(), statusForm(customer, call.sid(), early));
                notes.accept(call.sid() + " status " + early + " -> " + posted.status());
            }
            twilio.setCallStatus(call.sid(), "in-progress");
            notes.accept(call.sid() + " answered by " + call.to() + ": POST " + call.url() + " (Direction=outbound-api)");
            CallResult result;
            try (var live = customer.dial(call.sid())) {
                live.play(script);
                // Twilio's record of the call is completed before it tells anyone (the hang-up's callbacks).
                twilio.setCallStatus(call.sid(), "completed");
                result = live.hangUp();
            }
            tell(call, result);
        } catch (RuntimeException e) {
            notes.accept(call.sid() + " could not be played: " + e);
        }
    }

    @Override
    public void deliver(SentText text) {
        try {
            if (text.statusCallback() == null) {
                twilio.setMessageStatus(text.sid(), "delivered", null, null);
                notes.accept(text.sid() + " delivered to " + text.to() + " (no StatusCallback to tell)");
                return;
            }
            var carrier = VirtualCaller.builder(origin(text.statusCallback())).authToken(text.authToken())
                    .accountSid(text.accountSid()).from(text.from()).to(text.to()).build();
            for (var status : new String[] {"sent", "delivered"}) {
                twilio.setMessageStatus(text.sid(), status, null, null);
                var report = new LinkedHashMap<String, String>();
                report.put("AccountSid", text.accountSid());
                report.put("ApiVersion", "2010-04-01");
                report.put("From", text.from());
                report.put("To", text.to());
                report.put("MessageSid", text.sid());
                report.put("SmsSid", text.sid());
                report.put("MessageStatus", status);
                report.put("SmsStatus", status);
                var posted = carrier.postSigned(text.statusCallback(), report);
                notes.accept(text.sid() + " status " + status + " -> " + posted.status());
            }
        } catch (RuntimeException e) {
            notes.accept(text.sid() + " could not be delivered: " + e);
        }
    }

    /** Twilio's side of this call: from the platform's number to the customer, to the URLs the platform gave. */
    private VirtualCaller customerOf(PlacedCall call) {
        var server = origin(call.url());
        var builder = VirtualCaller.builder(server).authToken(call.authToken()).accountSid(call.accountSid())
                .from(call.from()).to(call.to()).direction("outbound-api").voicePath(call.url()).replyTimeout(replyTimeout);
        if (call.statusCallback() == null) builder.statusDelivery(StatusDelivery.NONE);
        else builder.statusPath(call.statusCallback());
        return builder.build();
    }

    private static java.util.Map<String, String> statusForm(VirtualCaller customer, String callSid, String status) {
        var form = customer.callParameters(callSid, status);
        form.put("CallbackSource", "call-progress-events");
        form.put("Timestamp", TwilioAccountState.RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return form;
    }

    private void tell(PlacedCall call, CallResult result) {
        result.twiml().flatMap(TwimlDocument::conversationRelay).flatMap(r -> r.welcomeGreeting())
                .ifPresent(greeting -> notes.accept(call.sid() + "   agent: " + greeting));
        for (var turn : result.turns()) {
            if (!turn.callerInput().isEmpty()) notes.accept(call.sid() + "   customer: " + turn.callerInput());
            if (!turn.text().isBlank()) notes.accept(call.sid() + "   agent: " + turn.text().strip());
        }
        var statuses = result.statusCallbacks().stream().map(s -> s.params().get("CallStatus") + " -> " + s.status()).toList();
        notes.accept(call.sid() + " hung up (" + result.outcome() + "), status " + String.join(", ", statuses));
    }

    /** {@code https://host:port} of an absolute URL: where the platform listens, as Twilio reaches it. */
    static String origin(String url) {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
