package dev.switchboard.domain.conversation;

import dev.switchboard.domain.shared.PortFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One streamed model request: passes each piece of text to the caller as it arrives (unless the
 * caller has barged in), notes the first token's latency on the timeline, puts a reply's
 * {@link ModelReply.Note} on the timeline once per call and kind, and turns a model failure into
 * a timeline error and a {@code null} reply instead of an exception.
 */
final class Replying {
    private final Turn turn;
    private final int round;
    private final CallTimeline timeline;
    private final ConversationOutput output;
    private final Set<String> notedKinds;
    private long requestedAt;
    private boolean first = true;

    /** @param notedKinds the note kinds this call's timeline already shows; shared by the call's turns */
    Replying(Turn turn, int round, CallTimeline timeline, ConversationOutput output, Set<String> notedKinds) {
        this.turn = turn;
        this.round = round;
        this.timeline = timeline;
        this.output = output;
        this.notedKinds = notedKinds;
    }

    ModelReply ask(LanguageModel model, ModelRequest request) {
        var data = new LinkedHashMap<String, Object>();
        data.put("round", round);
        // What really answers, said before it does: a stand-in (the offline model for want of a key) names itself and why.
        var standIn = standIn(model, request);
        data.put("provider", standIn.map(LanguageModel.StandIn::provider).orElse(request.settings().provider()));
        data.put("model", standIn.map(LanguageModel.StandIn::model).orElse(request.settings().model()));
        data.put("turns", request.history().size());
        standIn.ifPresent(s -> {
            data.put("requestedProvider", request.settings().provider());
            data.put("requestedModel", request.settings().model());
            data.put("reason", s.reason());
        });
        timeline.event("model.requested", data);
        requestedAt = System.nanoTime();
        try {
            var reply = model.reply(request, this::onText, turn.cancellation);
            var note = reply.note();
            if (note != null && notedKinds.add(note.kind()))
                timeline.event("model.note", Map.of("round", round, "kind", note.kind(), "message", note.message()));
            return reply;
        } catch (PortFailure e) {
            error(e.category().name(), e.getMessage());
        } catch (RuntimeException e) {
            error("UNEXPECTED", e.getClass().getSimpleName());
        }
        return null;
    }

    /** A model that cannot say what stands in is taken at its word: the timeline shows what was asked. */
    private static java.util.Optional<LanguageModel.StandIn> standIn(LanguageModel model, ModelRequest request) {
        try {
            return model.standIn(request.tenantId(), request.settings());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private void onText(String delta) {
        if (delta.isEmpty()) return;
        // Checked and sent under the turn's lock, which a barge-in takes to cancel: once the caller
        // has interrupted, not one more piece of this reply reaches them.
        synchronized (turn) {
            if (turn.cancellation.isCancelled()) return;
            turn.spoken.append(delta);
            output.text(delta, false);
        }
        if (first) {
            first = false;
            timeline.event("model.first_token", Map.of("round", round, "latencyMs", (System.nanoTime() - requestedAt) / 1_000_000));
        }
    }

    private void error(String category, String message) {
        var data = new LinkedHashMap<String, Object>();
        data.put("stage", "model");
        data.put("round", round);
        data.put("category", category);
        data.put("message", message == null ? "" : message);
        data.put("spokenBeforeFailure", turn.spoken.length() > 0);
        timeline.event("error", data);
    }
}
