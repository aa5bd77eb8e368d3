package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which of our numbers a Twilio request is about — the called number for inbound calls,
 * the calling one for calls we placed — and so which tenant it belongs to.
 */
@Singleton
final class CallerNumbers {
    private final PhoneNumberRepository numbers;

    CallerNumbers(PhoneNumberRepository numbers) {
        this.numbers = numbers;
    }

    Optional<PhoneNumber> ours(Map<String, String> form) {
        var direction = CallDirection.parse(form.get("Direction")).orElse(CallDirection.INBOUND);
        var candidate = direction == CallDirection.INBOUND ? form.get("To") : form.get("From");
        if (!E164Number.isValid(candidate)) return Optional.empty();
        return numbers.findByNumber(new E164Number(candidate));
    }
}
