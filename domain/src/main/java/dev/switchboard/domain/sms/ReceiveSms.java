package dev.switchboard.domain.sms;

import dev.switchboard.domain.phone.PhoneNumber;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A text message reached one of our numbers (the carrier already proved who it is): stored for
 * the number's tenant, once however often Twilio delivers it, and a STOP or START from the
 * sender honoured for that tenant ({@link OptOutKeywords}).
 */
public final class ReceiveSms {
    /** What Twilio told us. */
    public record Command(PhoneNumber number, String providerMessageId, String from, String to, String body) {
        public Command {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * @param stored false for a redelivery of a message already stored
     * @param request the opt-out or opt-in the message asked for, if any
     */
    public record Result(Sms sms, boolean stored, Optional<OptOutKeywords.Request> request) {}

    private final SmsRepository messages;
    private final OptOuts optOuts;
    private final Clock clock;

    public ReceiveSms(SmsRepository messages, OptOuts optOuts, Clock clock) {
        this.messages = messages;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    public Result receive(Command command) {
        var number = command.number();
        var sms = Sms.received(number.tenantId(), command.from(), command.to() == null ? number.number().value() : command.to(),
                command.body(), number.id(), command.providerMessageId(), clock.instant());
        var stored = messages.add(sms);
        var request = OptOutKeywords.of(command.body());
        // Applied on redeliveries too: setting an opt-out twice leaves the same state.
        request.ifPresent(r -> {
            if (r == OptOutKeywords.Request.STOP) optOuts.optOut(number.tenantId(), command.from(), sms.createdAt());
            else optOuts.optIn(number.tenantId(), command.from());
        });
        var kept = stored ? sms : messages.findByProviderId(number.tenantId(), command.providerMessageId()).orElse(sms);
        return new Result(kept, stored, request);
    }
}
