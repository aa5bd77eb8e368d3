package dev.switchboard.twilio.in;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.conversation.OutboundPrompts;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.phone.PhoneNumber;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls we placed name themselves in the URLs we gave Twilio ({@code ?call=<id>} on the voice and
 * status webhooks). A signed webhook with that id and a CallSid proves Twilio has the call — even
 * when our request to place it timed out — so the SID is stored on the call before anything else
 * looks the call up by it, and the call is never dialed a second time.
 */
@Singleton
final class PlacedCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PlacedCalls.class);
    private final DialQueue dials;
    private final CallContexts contexts;

    PlacedCalls(DialQueue dials, CallContexts contexts) {
        this.dials = dials;
        this.contexts = contexts;
    }

    /** The assistant as it speaks on this call: a placed call's context fills its {@code {{variables}}} (the TwiML's greeting). */
    Assistant personalize(Call call, Assistant assistant) {
        if (call.direction() != CallDirection.OUTBOUND) return assistant;
        return OutboundPrompts.personalize(assistant, contexts.of(call.tenantId(), call.id()));
    }

    /** Call after the signature was verified. */
    void confirm(HttpRequest<?> request, Map<String, String> form, Optional<PhoneNumber> number) {
        var id = request.getParameters().get("call");
        var sid = form.get("CallSid");
        if (id == null || sid == null || number.isEmpty()) return;
        if (CallDirection.parse(form.get("Direction")).orElse(CallDirection.INBOUND) != CallDirection.OUTBOUND) return;
        try {
            if (dials.confirm(number.get().tenantId(), CallId.parse(id), sid)) LOG.info("call {} confirmed by Twilio as {}", id, sid);
        } catch (IllegalArgumentException notAnId) {
            LOG.warn("webhook for {} carried a call parameter that is not a call id", sid);
        }
    }
}
