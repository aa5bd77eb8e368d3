package dev.switchboard.domain.studio;

import java.util.List;
import java.util.Optional;

/** What a sync did, per assistant. It succeeded only if every step of every assistant did. */
public record SyncReport(List<AssistantSyncReport> assistants) {
    public SyncReport {
        assistants = List.copyOf(assistants);
    }

    public boolean succeeded() {
        return assistants.stream().allMatch(a -> a.status() == SyncStatus.SYNCED);
    }

    /** The first step that failed, for the one-line summary of a failed sync. */
    public Optional<SyncStep> firstFailure() {
        return assistants.stream().flatMap(a -> a.firstFailure().stream()).findFirst();
    }
}
