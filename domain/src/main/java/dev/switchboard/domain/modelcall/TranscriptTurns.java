package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a provider's transcript without duplicates. A turn's id is derived from the provider,
 * the call, the speaker, the words and which occurrence of those words it is, so the same turn
 * arriving again — by redelivery, or once alone and again inside the whole conversation — lands on
 * the same row instead of a new one.
 */
final class TranscriptTurns {
    /** A single turn this close to a stored identical turn is that turn. */
    private static final Duration SAME_TURN = Duration.ofMinutes(2);

    private final CallRepository calls;
    private final String provider;

    TranscriptTurns(CallRepository calls, String provider) {
        this.calls = calls;
        this.provider = provider;
    }

    /** The whole conversation so far: each turn upserted. */
    int saveAll(Call call, List<SpokenTurn> turns) {
        var seen = new HashMap<String, Integer>();
        for (var turn : turns) {
            var words = normalized(turn.text());
            if (words.isEmpty()) continue;
            int occurrence = seen.merge(turn.speaker() + "|" + words, 1, Integer::sum) - 1;
            calls.saveMessage(new CallMessage(id(call, turn.speaker(), words, occurrence), call.id(), call.tenantId(),
                    turn.speaker(), turn.text().strip(), turn.at(), false));
        }
        return turns.size();
    }

    /** One final utterance: stored unless the same turn already is. */
    boolean saveOne(Call call, SpokenTurn turn) {
        var words = normalized(turn.text());
        if (words.isEmpty()) return false;
        var same = calls.messages(call.tenantId(), call.id()).stream()
                .filter(m -> m.speaker() == turn.speaker() && normalized(m.text()).equals(words)).toList();
        if (same.stream().anyMatch(m -> Duration.between(m.at(), turn.at()).abs().compareTo(SAME_TURN) <= 0)) return false;
        calls.saveMessage(new CallMessage(id(call, turn.speaker(), words, same.size()), call.id(), call.tenantId(),
                turn.speaker(), turn.text().strip(), turn.at(), false));
        return true;
    }

    private UUID id(Call call, CallMessage.Speaker speaker, String words, int occurrence) {
        // "vapi|…" ids are what the Vapi runtime always wrote: keep them, so stored turns still match.
        var name = provider + "|" + call.id() + "|" + speaker + "|" + words + "|" + occurrence;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String normalized(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
