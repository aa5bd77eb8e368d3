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
    @Schema(name = "VapiSyncDifference", requiredProperties = {"field"})
    record DifferenceView(@Schema(example = "firstMessage") String field, @Schema(example = "Bonsoir !") String expected,
                          @Schema(example = "Bonjour !") String actual) {}

    @Serdeable
    @Schema(name = "VapiSyncStep", requiredProperties = {"step", "action", "differences"})
    record StepView(@Schema(example = "assistant") String step, @Schema(example = "b2cb2481-060b-4ae6-8a45-c4062b2e8a27") String target,
                    @Schema(example = "created") String action, @Schema(example = "create the assistant: Vapi failed (HTTP 500): Internal server error") String error,
                    @Schema(type = "string", allowableValues = {"unavailable", "timeout", "rejected_credentials", "bad_request", "rate_limited", "not_found"}, example = "unavailable") String failure,
                    List<DifferenceView> differences) {}

    @Serdeable
    @Schema(name = "VapiSyncAssistant", requiredProperties = {"assistantId", "name", "status", "steps"})
    record AssistantView(String assistantId, String name, String status, String vapiAssistantId, String configVersion,
                         String configHash, List<StepView> steps) {}

    @Serdeable
    @Schema(name = "VapiSyncReport", requiredProperties = {"status", "assistants"})
    record ReportView(String status, List<AssistantView> assistants) {}

    @Serdeable
    @Schema(name = "VapiSyncState", requiredProperties = {"status"})
    record StateView(String status, Instant at, String error, String vapiAssistantId, String configVersion, String configHash) {}

    @Serdeable
    @Schema(name = "VapiSyncCheck", requiredProperties = {"assistantId", "name", "live", "changedSinceSync", "differences"})
    record CheckView(String assistantId, String name, StateView stored, String live, boolean changedSinceSync,
                     List<DifferenceView> differences, String error) {}

    /**
     * The problem+json of a failed sync, for the OpenAPI document ({@code StudioController} writes it
     * as a map): the usual problem fields, the step that failed and the whole report. A refusal
     * before any step (an assistant on another runtime) has neither. (No field-level {@code @Schema}
     * on step and report: micronaut-openapi would then copy their types under their class names.)
     */
    @Schema(name = "VapiSyncProblem", description = "An error (RFC 9457 problem+json); a failed sync adds step, the first step that failed, "
            + "and report, every assistant's steps (the failed one and those skipped after it).")
    record SyncProblemView(
            @Schema(example = "https://switchboard.dev/problems/vapi-sync-failed", requiredMode = Schema.RequiredMode.REQUIRED) String type,
            @Schema(example = "Vapi sync failed", requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(example = "502", requiredMode = Schema.RequiredMode.REQUIRED) int status,
            @Schema(example = "Vapi sync failed at assistant: create the assistant: Vapi failed (HTTP 500): Internal server error",
                    requiredMode = Schema.RequiredMode.REQUIRED) String detail,
            @Schema(example = "/api/v1/studio/sync-vapi", requiredMode = Schema.RequiredMode.REQUIRED) String instance,
            StepView step,
            ReportView report) {}

    @Serdeable
    @Schema(name = "VapiSyncStatus", requiredProperties = {"assistants"})
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
