package dev.switchboard.app.wiring;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.diagnosis.DiagnoseCall;
import dev.switchboard.domain.outbound.AnsweringMachine;
import dev.switchboard.domain.outbound.CallingHours;
import dev.switchboard.domain.outbound.CancelOutboundCall;
import dev.switchboard.domain.outbound.DialOutboundCalls;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.outbound.DialThroughVapi;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VapiSpecs;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.studio.VoiceAgentHost;
import dev.switchboard.domain.outbound.OutboundLimits;
import dev.switchboard.domain.outbound.OutboundLimitsRepository;
import dev.switchboard.domain.outbound.PlaceOutboundCall;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalTime;

/** Builds the outbound-call use cases from {@code switchboard.outbound.*}. */
@Factory
class OutboundFactory {
    @Singleton
    OutboundLimits defaultOutboundLimits(OutboundProperties properties) {
        return new OutboundLimits(properties.maxConcurrentCalls(), properties.callsPerSecond(),
                new CallingHours(LocalTime.parse(properties.callingHoursStart()), LocalTime.parse(properties.callingHoursEnd())));
    }

    @Singleton
    PlaceOutboundCall placeOutboundCall(PhoneNumberRepository numbers, AssistantRepository assistants, DialQueue queue,
                                        CallRepository calls, Clock clock, OutboundProperties properties, DialThroughVapi vapi) {
        return new PlaceOutboundCall(numbers, assistants, queue, calls, clock, properties.idempotencyKeyLifetime(), vapi);
    }

    @Singleton
    DialThroughVapi dialThroughVapi(AssistantRepository assistants, PhoneNumberRepository numbers, VapiSyncStateRepository states,
                                    VapiCredentials credentials, VapiSpecs specs, VoiceAgentHost host) {
        return new DialThroughVapi(assistants, numbers, states, credentials, specs, host);
    }

    @Singleton
    DialOutboundCalls dialOutboundCalls(DialQueue queue, Telephony telephony, CallRepository calls, TenantRepository tenants,
                                        AssistantRepository assistants, OutboundLimitsRepository limits, Clock clock,
                                        OutboundProperties properties, OutboundLimits defaults, DialThroughVapi vapi,
                                        @Value("${switchboard.public-url}") String publicUrl, DiagnoseCall diagnose) {
        // A call the dialer fails gets no status callback: it is diagnosed (dial_failed) here, so the call list can filter on it.
        return new DialOutboundCalls(queue, telephony, calls, tenants, assistants, limits, clock,
                new DialOutboundCalls.Settings(publicUrl.strip().replaceAll("/+$", ""), properties.lease(), properties.batch(),
                        properties.confirmWindow(), properties.maxTries(), defaults), vapi, diagnose::diagnose);
    }

    @Singleton
    CancelOutboundCall cancelOutboundCall(CallRepository calls, DialQueue queue, Telephony telephony, Clock clock) {
        return new CancelOutboundCall(calls, queue, telephony, clock);
    }

    @Singleton
    AnsweringMachine answeringMachine(CallRepository calls, CallContexts contexts, Clock clock) {
        return new AnsweringMachine(calls, contexts, clock);
    }
}
