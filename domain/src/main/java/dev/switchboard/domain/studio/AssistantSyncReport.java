package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.AssistantId;
import java.util.List;
import java.util.Optional;

/** What a sync did for one assistant, step by step, and the state it left stored. */
public record AssistantSyncReport(AssistantId assistantId, String name, SyncStatus status, String vapiAssistantId,
                                  String configVersion, String configHash, List<SyncStep> steps) {
    public AssistantSyncReport {
        steps = List.copyOf(steps);
    }

    public Optional<SyncStep> firstFailure() {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }
}
