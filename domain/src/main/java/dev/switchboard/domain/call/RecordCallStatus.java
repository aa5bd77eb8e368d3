package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a carrier's status callback to a call: forward only, safe against duplicates, reorder
 * and two callbacks racing (compare-and-set on the stored status). When the call reaches its end,
 * the summary is written once.
 */
public final class RecordCallStatus {
    /**
     * @param durationSeconds the carrier's talk time, given with final statuses; {@code null} otherwise
     * @param at when the carrier says it happened; {@code null}: now
     * @param callback what the carrier sent, kept on the timeline
     */
    public record Command(TenantId tenantId, String providerCallId, CallStatus status, Integer durationSeconds,
                          java.time.Instant at, Map<String, Object> callback) {
        public Command {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(providerCallId, "providerCallId");
            Objects.requireNonNull(status, "status");
            callback = callback == null ? Map.of() : Map.copyOf(callback);
        }
    }

    private static final int MAX_ATTEMPTS = 10;
    private final CallRepository calls;
    private final SummarizeCall summaries;
    private final EarlyStatuses early;
    private final Clock clock;
    private final java.util.function.Consumer<Call> ended;

    public RecordCallStatus(CallRepository calls, SummarizeCall summaries, EarlyStatuses early, Clock clock) {
        this(calls, summaries, early, clock, call -> { });
    }

    /**
     * @param ended told once the call has ended and its summary is written (e.g. to diagnose it
     *     from its whole timeline); what it throws is not the carrier's problem and is dropped
     */
    public RecordCallStatus(CallRepository calls, SummarizeCall summaries, EarlyStatuses early, Clock clock,
                            java.util.function.Consumer<Call> ended) {
        this.calls = calls;
        this.summaries = summaries;
        this.early = early;
        this.clock = clock;
        this.ended = ended;
    }

    /**
     * @return what happened to the call, or empty when no call has this carrier id yet — the
     *     callback is then kept, and applied by {@link #applyEarly} once the call exists
     */
    public Optional<StatusChange> record(Command command) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var found = calls.findByProviderCallId(command.tenantId(), command.providerCallId());
            if (found.isEmpty()) {
                early.keep(command, clock.instant());
                return Optional.empty();
            }
            var call = found.get();
            var now = command.at() != null ? command.at() : clock.instant();
            var withDuration = command.durationSeconds() != null && command.status().isFinal() && call.status().canMoveTo(command.status())
                    ? call.withDuration(command.durationSeconds()) : call;
            var change = withDuration.advance(command.status(), now);
            if (change instanceof StatusChange.Ignored) {
                note(call, "status.ignored", change, command);
                return Optional.of(new StatusChange.Ignored(call, call.status(), command.status()));
            }
            if (calls.replaceIfStatus(change.call(), call.status())) {
                note(change.call(), "status.changed", change, command);
                if (command.status().isFinal()) summarize(change.call());
                return Optional.of(change);
            }
        }
        throw new IllegalStateException("call " + command.providerCallId() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Applies kept callbacks whose call has appeared since, oldest first, as if they arrived now.
     *
     * @return how many were applied
     */
    public int applyEarly(int limit) {
        var matched = early.takeMatched(limit);
        for (var command : matched) record(command);
        return matched.size();
    }

    private void summarize(Call ended) {
        var summarized = ended.withSummary(summaries.summarize(ended));
        calls.replaceIfStatus(summarized, ended.status());
        calls.appendEvent(CallEvent.of(ended, clock.instant(), "summary.written", Map.of("summary", summarized.summary())));
        try {
            this.ended.accept(summarized);
        } catch (RuntimeException e) {
            // The status is stored; a diagnosis that could not be kept now is made again when it is read.
        }
    }

    private void note(Call call, String type, StatusChange change, Command command) {
        var data = new LinkedHashMap<String, Object>();
        data.put("reported", command.status().wireName());
        data.put("from", change instanceof StatusChange.Moved moved ? moved.from().wireName() : call.status().wireName());
        data.put("callback", command.callback());
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }
}
