package dev.switchboard.domain.telephony;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.EarlyStatuses;
import dev.switchboard.domain.call.RecordCallStatus;
import dev.switchboard.domain.call.StaleCalls;
import dev.switchboard.domain.shared.PortFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finishes the record of calls whose end the carrier never told us about (status callbacks lost,
 * an instance down at the wrong moment): a call still not final long after it started is read
 * from Twilio ({@code Calls/{sid}.json}) and, if Twilio says it ended, completed as a status
 * callback would have — with Twilio's end time and duration, and its summary. Also applies the
 * status callbacks that arrived before their call, and forgets those whose call never came.
 * Meant to run on a schedule on every instance: calls are claimed ({@link StaleCalls}), so two
 * instances never check one call at once.
 */
public final class ReconcileCalls {
    /**
     * @param staleAfter a call still not final this long after it was created is checked
     * @param recheckAfter a call Twilio says is still live is checked again after this
     * @param batch most calls (and early callbacks) handled per run
     * @param keepEarlyFor how long a status callback that matched no call is kept
     */
    public record Settings(Duration staleAfter, Duration recheckAfter, int batch, Duration keepEarlyFor) {}

    /** What one run did. */
    public record Report(int earlyApplied, int earlyForgotten, int checked, int completed, int failed) {}

    private final StaleCalls stale;
    private final Telephony telephony;
    private final RecordCallStatus statuses;
    private final EarlyStatuses early;
    private final CallRepository calls;
    private final Clock clock;
    private final Settings settings;

    public ReconcileCalls(StaleCalls stale, Telephony telephony, RecordCallStatus statuses, EarlyStatuses early,
                          CallRepository calls, Clock clock, Settings settings) {
        this.stale = stale;
        this.telephony = telephony;
        this.statuses = statuses;
        this.early = early;
        this.calls = calls;
        this.clock = clock;
        this.settings = settings;
    }

    public Report run() {
        var now = clock.instant();
        int applied = statuses.applyEarly(settings.batch());
        int forgotten = early.forgetReceivedBefore(now.minus(settings.keepEarlyFor()));
        int checked = 0;
        int completed = 0;
        int failed = 0;
        for (var call : stale.claim(now, settings.staleAfter(), settings.recheckAfter(), settings.batch())) {
            checked++;
            try {
                var result = telephony.fetchCall(TelephonyAccount.of(call.tenantId()), call.providerCallId());
                if (result instanceof TelephonyResult.Accepted<TelephonyCall> accepted) {
                    if (complete(call, accepted.value())) completed++;
                } else if (result instanceof TelephonyResult.Refused<TelephonyCall> refused) {
                    failed++;
                    event(call, "reconcile.refused", Map.of("code", refused.refusal().code(), "message", refused.refusal().message()));
                }
            } catch (PortFailure e) {
                failed++;
                event(call, "reconcile.failed", Map.of("category", e.category().name(), "message", String.valueOf(e.getMessage())));
            }
        }
        return new Report(applied, forgotten, checked, completed, failed);
    }

    /** @return whether Twilio said the call is over (and it is now completed here) */
    private boolean complete(Call call, TelephonyCall twilio) {
        var data = new LinkedHashMap<String, Object>();
        data.put("carrierStatus", twilio.status().wireName());
        if (twilio.durationSeconds() != null) data.put("durationSeconds", twilio.durationSeconds());
        if (!twilio.status().isFinal()) {
            event(call, "reconcile.checked", data);
            return false;
        }
        event(call, "reconcile.completed", data);
        var callback = Map.<String, Object>of("CallStatus", twilio.status().wireName(), "CallbackSource", "reconciliation");
        statuses.record(new RecordCallStatus.Command(call.tenantId(), call.providerCallId(), twilio.status(),
                twilio.durationSeconds(), twilio.endTime(), callback));
        return true;
    }

    private void event(Call call, String type, Map<String, Object> data) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }
}
