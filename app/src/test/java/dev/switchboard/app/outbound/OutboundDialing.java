package dev.switchboard.app.outbound;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.outbound.DialOutboundCalls;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.outbound.DialThroughVapi;
import dev.switchboard.domain.outbound.OutboundLimits;
import dev.switchboard.domain.outbound.OutboundLimitsRepository;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The app's dial queue and what its dialer works with, for outbound tests that run a dialer like
 * the app's themselves, on a clock they move (the scheduled dialer is off in those tests).
 */
@Singleton
record OutboundDialing(DialQueue queue, Telephony telephony, CallRepository calls, TenantRepository tenants,
                       AssistantRepository assistants, OutboundLimitsRepository limits, OutboundLimits defaults,
                       DialThroughVapi throughVapi) {

    /** A dialer like the app's on {@code clock}, placing every call through Twilio, that gives up after {@code maxTries}. */
    DialOutboundCalls at(Clock clock, int maxTries) {
        return new DialOutboundCalls(queue, telephony, calls, tenants, assistants, limits, clock, settings(maxTries));
    }

    /** A dialer like the app's on {@code clock} that places the calls of vapi assistants through Vapi. */
    DialOutboundCalls throughVapiAt(Clock clock, int maxTries) {
        return new DialOutboundCalls(queue, telephony, calls, tenants, assistants, limits, clock, settings(maxTries), throughVapi);
    }

    /** Calls earlier tests left queued (scheduled, deferred) are not this test's to dial: marked done, they never will be. */
    void forgetCallsLeftQueued() {
        for (var left : queue.claimDue(Instant.now().plus(Duration.ofDays(3650)), Duration.ofMinutes(1), 10_000))
            queue.done(left.call().tenantId(), left.call().id(), null, "left by an earlier test");
    }

    private DialOutboundCalls.Settings settings(int maxTries) {
        return new DialOutboundCalls.Settings(OutboundFixture.PUBLIC_URL, Duration.ofMinutes(5), 50, Duration.ofSeconds(30), maxTries, defaults);
    }
}
