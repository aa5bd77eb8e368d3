package dev.switchboard.domain.diagnosis;

import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiSyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads one call's timeline in pipeline order — dial, voice webhook, number, assistant, socket,
 * session setup, model key, model, tools, conversation, status callback — and answers the first
 * stage that is missing or failed. A stage counts as missing only once the call is over or its
 * grace has passed: a live call a second after its TwiML is connecting, not broken. Pure: the
 * timeline, the assistant's Vapi sync state and the time are given.
 */
public final class CallDiagnosis {
    private static final Set<String> MEDIA_ENDED = Set.of("socket.closed", "relay.ended", "stream.socket.closed", "stream.stopped");
    private static final Set<String> AGENT_ENDED = Set.of("hangup", "handoff", "call.ending", "call.handoff");
    private static final Set<String> AGENT_SPOKE = Set.of("model.first_token", "agent.said", "agent.greeted");
    private static final Set<String> CALL_OVER = Set.of("conversation.ended", "socket.closed", "relay.ended");
    /** Twilio's statuses of a call someone picked up (its voice URL is asked at that moment). */
    private static final Set<String> ANSWERED = Set.of("in-progress", "completed");

    private final DiagnosisPolicy policy;

    public CallDiagnosis(DiagnosisPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param timeline the call's events in timeline order (as {@code CallRepository.events} gives them)
     * @param vapiSync the assistant's Vapi sync state; empty when the call is not a Vapi call or it has none
     * @param now when the diagnosis is made
     */
    public Verdict read(Call call, List<CallEvent> timeline, Optional<VapiSyncState> vapiSync, Instant now) {
        var t = new Timeline(timeline);
        var over = call.status().isFinal();
        return firstOf(
                () -> dial(t),
                () -> call.runtime() == Runtime.VAPI ? vapi(vapiSync) : null,
                () -> call.runtime() == Runtime.VAPI ? null : webhook(call, t, over, now),
                () -> t.first("call.refused").map(e -> t.verdict(VerdictCode.NUMBER_NOT_PROVEN, text(e, "reason"), e)).orElse(null),
                () -> t.first("call.unanswered").map(e -> t.verdict(VerdictCode.NO_ASSISTANT, text(e, "reason"), e)).orElse(null),
                () -> socket(t, over, now),
                () -> modelKey(t),
                () -> model(t),
                () -> tools(t),
                () -> silence(t),
                () -> statusCallback(call, t, now),
                () -> new Verdict(over ? VerdictCode.HEALTHY : VerdictCode.IN_PROGRESS, "", List.of()));
    }

    @SafeVarargs
    private static Verdict firstOf(java.util.function.Supplier<Verdict>... stages) {
        for (var stage : stages) {
            var verdict = stage.get();
            if (verdict != null) return verdict;
        }
        throw new IllegalStateException("the last stage always answers");
    }

    private static Verdict dial(Timeline t) {
        return t.first(e -> e.type().equals("dial.failed") || e.type().equals("dial.refused"))
                .map(e -> t.verdict(VerdictCode.DIAL_FAILED, joined(text(e, "code"), text(e, "message"), text(e, "reason")), e)).orElse(null);
    }

    private static Verdict vapi(Optional<VapiSyncState> sync) {
        if (sync.isEmpty() || sync.get().status() == SyncStatus.SYNCED) return null;
        var code = sync.get().status() == SyncStatus.FAILED ? VerdictCode.VAPI_SYNC_FAILED : VerdictCode.VAPI_SYNC_DRIFTED;
        return new Verdict(code, "since " + sync.get().at() + (sync.get().error() == null ? "" : ": " + sync.get().error()), List.of());
    }

    /**
     * A call someone answered whose voice webhook never reached us. Twilio asks the voice URL of a
     * call we placed only once it is answered: a busy, unanswered or cancelled call never asks, so
     * its missing webhook says nothing about the URL (reading it so once sent a busy line's owner
     * after their tunnel). Answered is what Twilio's status callbacks (or our reconciliation) reported.
     */
    private Verdict webhook(Call call, Timeline t, boolean over, Instant now) {
        if (t.first("webhook.received").isPresent()) return null;
        var placed = t.first("dial.placed");
        var answered = t.first(e -> e.type().equals("status.changed") && ANSWERED.contains(text(e, "reported")));
        if (answered.isEmpty()) return null;
        var waited = !over && Duration.between(answered.get().at(), now).compareTo(policy.socketGrace()) < 0;
        if (waited) return null;
        var evidence = new ArrayList<CallEvent>();
        placed.ifPresent(evidence::add);
        evidence.addAll(t.all("status.changed"));
        return t.verdict(VerdictCode.WEBHOOK_NEVER_RECEIVED, call.direction() == CallDirection.OUTBOUND
                ? "Twilio placed the call but never fetched its voice URL" : "status callbacks arrived but no voice webhook",
                evidence.toArray(CallEvent[]::new));
    }

    private Verdict socket(Timeline t, boolean over, Instant now) {
        var twiml = t.first(e -> e.type().equals("twiml.returned") && Set.of("relay", "stream").contains(text(e, "runtime")));
        if (twiml.isEmpty()) return null;
        var late = over || Duration.between(twiml.get().at(), now).compareTo(policy.socketGrace()) >= 0;
        var socket = t.first(e -> e.type().equals("socket.connected") || e.type().equals("stream.connected"));
        if (socket.isEmpty())
            return late ? t.verdict(VerdictCode.SOCKET_NEVER_CONNECTED, "TwiML named " + text(twiml.get(), "socket"), twiml.get()) : null;
        var setup = t.first(e -> e.type().equals("relay.setup") || e.type().equals("stream.started"));
        if (setup.isPresent()) return null;
        var closed = t.first(e -> MEDIA_ENDED.contains(e.type()));
        if (closed.isEmpty() && !late) return null;
        var evidence = new ArrayList<CallEvent>(List.of(twiml.get(), socket.get()));
        closed.ifPresent(evidence::add);
        return t.verdict(VerdictCode.SOCKET_WITHOUT_SETUP, "", evidence.toArray(CallEvent[]::new));
    }

    private static Verdict modelKey(Timeline t) {
        var standIn = t.first(e -> (e.type().equals("model.requested") && "offline".equals(text(e, "provider")) && !text(e, "reason").isEmpty())
                || e.type().equals("model.offline"));
        if (standIn.isPresent()) return t.verdict(VerdictCode.MODEL_KEY_MISSING, text(standIn.get(), "reason"), standIn.get());
        var refused = t.first(e -> (isModelError(e) && "REJECTED_CREDENTIALS".equals(text(e, "category")))
                || (e.type().equals("model.failed") && Set.of("refused", "no-key").contains(text(e, "reason"))));
        if (refused.isEmpty()) return null;
        var e = refused.get();
        var missing = "no-key".equals(text(e, "reason")) || text(e, "message").contains("API key: the tenant has no");
        return t.verdict(missing ? VerdictCode.MODEL_KEY_MISSING : VerdictCode.MODEL_KEY_REFUSED,
                joined(text(e, "message"), text(e, "detail")), e);
    }

    private static Verdict model(Timeline t) {
        var closed = t.first(e -> e.type().equals("model.failed") && "closed".equals(text(e, "reason")));
        var failures = t.all(e -> isModelError(e) || (e.type().equals("model.failed") && !"closed".equals(text(e, "reason"))));
        if (!failures.isEmpty()) {
            var first = failures.get(0);
            var detail = failures.size() + (failures.size() == 1 ? " model failure" : " model failures") + ", first: "
                    + joined(text(first, "category"), text(first, "reason"), text(first, "message"), text(first, "detail"));
            return t.verdict(VerdictCode.MODEL_FAILED, detail, failures.toArray(CallEvent[]::new));
        }
        return closed.map(e -> t.verdict(VerdictCode.STREAM_MODEL_CLOSED, text(e, "detail"), e)).orElse(null);
    }

    private static Verdict tools(Timeline t) {
        var failed = t.all(e -> (e.type().equals("tool.result") || e.type().equals("tool.called")) && "Failed".equals(text(e, "outcome")));
        if (failed.isEmpty()) return null;
        var first = failed.get(0);
        var error = first.data().get("details") instanceof Map<?, ?> details && details.get("error") != null ? String.valueOf(details.get("error")) : "";
        return t.verdict(VerdictCode.TOOL_FAILED, joined(text(first, "name"), error), failed.toArray(CallEvent[]::new));
    }

    /** The caller spoke last, the agent never answered, and the caller left after waiting longer than the policy's silence. */
    private Verdict silence(Timeline t) {
        var lastCaller = t.last("caller.said");
        if (lastCaller.isEmpty()) return null;
        var after = t.after(lastCaller.get());
        if (after.stream().anyMatch(e -> AGENT_SPOKE.contains(e.type()) || AGENT_ENDED.contains(e.type()))) return null;
        var end = after.stream().filter(e -> CALL_OVER.contains(e.type())).findFirst();
        if (end.isEmpty()) return null;
        var waited = Duration.between(lastCaller.get().at(), end.get().at());
        if (waited.compareTo(policy.silence()) <= 0) return null;
        return t.verdict(VerdictCode.CALLER_HUNG_UP_IN_SILENCE, "the caller waited " + seconds(waited) + " s for an answer",
                lastCaller.get(), end.get());
    }

    /**
     * The media ended (socket closed) but no final status came from Twilio within the grace: the
     * call stays open, or only our reconciliation ended it.
     */
    private Verdict statusCallback(Call call, Timeline t, Instant now) {
        var reconciled = t.first("reconcile.completed");
        if (reconciled.isPresent()) return t.verdict(VerdictCode.NO_STATUS_CALLBACK,
                "no status callback came; Twilio's REST API said the call was over", reconciled.get());
        if (call.status().isFinal() || call.runtime() == Runtime.VAPI) return null;
        var ended = t.first(e -> MEDIA_ENDED.contains(e.type()));
        if (ended.isEmpty()) return null;
        var waited = Duration.between(ended.get().at(), now);
        if (waited.compareTo(policy.statusCallbackGrace()) < 0) return null;
        return t.verdict(VerdictCode.NO_STATUS_CALLBACK, "still " + call.status().wireName() + " " + seconds(waited)
                + " s after the media ended", ended.get());
    }

    private static boolean isModelError(CallEvent e) {
        return e.type().equals("error") && "model".equals(text(e, "stage"));
    }

    private static String text(CallEvent e, String key) {
        var value = e.data().get(key);
        return value == null ? "" : String.valueOf(value);
    }

    private static String joined(String... parts) {
        return String.join(": ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }

    private static long seconds(Duration d) {
        return Math.max(0, d.toSeconds());
    }

    /** The events with their positions, so evidence can name them. */
    private record Timeline(List<CallEvent> events) {
        Optional<CallEvent> first(String type) {
            return first(e -> e.type().equals(type));
        }

        Optional<CallEvent> first(Predicate<CallEvent> wanted) {
            return events.stream().filter(wanted).findFirst();
        }

        Optional<CallEvent> last(String type) {
            return last(e -> e.type().equals(type));
        }

        Optional<CallEvent> last(Predicate<CallEvent> wanted) {
            for (int i = events.size() - 1; i >= 0; i--) if (wanted.test(events.get(i))) return Optional.of(events.get(i));
            return Optional.empty();
        }

        List<CallEvent> all(String type) {
            return all(e -> e.type().equals(type));
        }

        List<CallEvent> all(Predicate<CallEvent> wanted) {
            return events.stream().filter(wanted).toList();
        }

        List<CallEvent> after(CallEvent event) {
            return events.subList(indexOf(event) + 1, events.size());
        }

        Verdict verdict(VerdictCode code, String detail, CallEvent... shown) {
            var evidence = java.util.Arrays.stream(shown).map(e -> new Verdict.Evidence(indexOf(e), e.type(), e.at()))
                    .sorted(java.util.Comparator.comparingInt(Verdict.Evidence::index)).toList();
            return new Verdict(code, detail, evidence);
        }

        /** By identity: two events may be equal (same type, instant and data). */
        private int indexOf(CallEvent event) {
            for (int i = 0; i < events.size(); i++) if (events.get(i) == event) return i;
            throw new IllegalArgumentException("not an event of this timeline: " + event.type());
        }
    }
}
