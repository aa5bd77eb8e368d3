package dev.switchboard.app.api;

import dev.switchboard.domain.studio.AssistantSyncReport;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.FieldDifference;
import dev.switchboard.domain.studio.SyncReport;
import dev.switchboard.domain.studio.SyncStep;
import dev.switchboard.domain.studio.VapiSyncState;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** How Vapi sync reports and states appear in the API (enum values in lower case, as elsewhere). */
final class StudioViews {
    private StudioViews() {}

    @Serdeable
    @Schema(name = "VapiSyncDifference")
    record DifferenceView(String field, String expected, String actual) {}

    @Serdeable
    @Schema(name = "VapiSyncStep")
    record StepView(String step, String target, String action, String error, String failure, List<DifferenceView> differences) {}

    @Serdeable
    @Schema(name = "VapiSyncAssistant")
    record AssistantView(String assistantId, String name, String status, String vapiAssistantId, String configVersion,
                         String configHash, List<StepView> steps) {}

    @Serdeable
    @Schema(name = "VapiSyncReport")
    record ReportView(String status, List<AssistantView> assistants) {}

    @Serdeable
    @Schema(name = "VapiSyncState")
    record StateView(String status, Instant at, String error, String vapiAssistantId, String configVersion, String configHash) {}

    @Serdeable
    @Schema(name = "VapiSyncCheck")
    record CheckView(String assistantId, String name, StateView stored, String live, boolean changedSinceSync,
                     List<DifferenceView> differences, String error) {}

    @Serdeable
    @Schema(name = "VapiSyncStatus")
    record StatusView(List<CheckView> assistants) {}

    static ReportView report(SyncReport report) {
        return new ReportView(report.succeeded() ? "synced" : "failed", report.assistants().stream().map(StudioViews::assistant).toList());
    }

    static AssistantView assistant(AssistantSyncReport a) {
        return new AssistantView(a.assistantId().toString(), a.name(), lower(a.status()), a.vapiAssistantId(), a.configVersion(),
                a.configHash(), a.steps().stream().map(StudioViews::step).toList());
    }

    static StepView step(SyncStep s) {
        return new StepView(s.step(), s.target(), lower(s.action()), s.error(), s.failure() == null ? null : lower(s.failure()),
                differences(s.differences()));
    }

    static StatusView status(List<CheckVapiSync.AssistantCheck> checks) {
        return new StatusView(checks.stream().map(c -> new CheckView(c.assistantId().toString(), c.name(), state(c.stored()),
                lower(c.live()), c.changedSinceSync(), differences(c.differences()), c.error())).toList());
    }

    private static StateView state(VapiSyncState s) {
        return s == null ? null : new StateView(lower(s.status()), s.at(), s.error(), s.vapiAssistantId(), s.configVersion(), s.configHash());
    }

    private static List<DifferenceView> differences(List<FieldDifference> differences) {
        return differences.stream().map(d -> new DifferenceView(d.field(), d.expected(), d.actual())).toList();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
