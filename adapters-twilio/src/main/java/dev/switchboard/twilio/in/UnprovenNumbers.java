package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.telephony.Telephony;
import jakarta.inject.Singleton;

/**
 * Whether a number may take a call it has not been shown to own (docs/phone-numbers.md): once
 * real Twilio credentials are set — the tenant's own connection or the platform's account — a
 * number no Twilio account of the tenant was shown to hold (added by hand, not imported) takes no
 * inbound calls, because anyone could have registered someone else's number. With the
 * development token (no credentials, as in the demo) nothing can be proven, so numbers work
 * unproven and the API says so. Calls we placed ({@code outbound-api}) were dialed by Twilio from
 * an account that holds the number, so they are never refused here.
 */
@Singleton
final class UnprovenNumbers {
    /** What the caller hears: the same as for a number we do not have. */
    static final String GOODBYE = "Sorry, this number is not in service. Goodbye.";
    static final String REASON = "the number is not proven: no Twilio account of this tenant (nor the platform's) was shown to hold it; "
            + "import it with POST /api/v1/phone-numbers/import";

    private final Telephony telephony;

    UnprovenNumbers(Telephony telephony) {
        this.telephony = telephony;
    }

    boolean refuse(PhoneNumber number, CallDirection direction) {
        return direction == CallDirection.INBOUND && !number.proven() && telephony.hasAccount(number.tenantId());
    }
}
