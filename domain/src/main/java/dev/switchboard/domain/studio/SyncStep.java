package dev.switchboard.domain.studio;

import dev.switchboard.domain.shared.PortFailure;
import java.util.List;

/**
 * One step of a sync and what it did.
 *
 * @param step {@code assistant}, {@code number} or {@code read-back}
 * @param target what the step acted on: a Vapi assistant id, an E.164 number
 * @param error Vapi's or our own words when the step failed or was skipped
 * @param failure how Vapi failed, when it did (null for our own refusals and read-back mismatches)
 * @param differences for a read-back: each setting Vapi does not hold as sent
 */
public record SyncStep(String step, String target, Action action, String error, PortFailure.Category failure,
                       List<FieldDifference> differences) {
    /** What a step did. */
    public enum Action { CREATED, UPDATED, UNCHANGED, VERIFIED, FAILED, SKIPPED }

    public SyncStep {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    static SyncStep done(String step, String target, Action action) {
        return new SyncStep(step, target, action, null, null, List.of());
    }

    static SyncStep failed(String step, String target, String error, PortFailure.Category failure) {
        return new SyncStep(step, target, Action.FAILED, error, failure, List.of());
    }

    static SyncStep skipped(String step, String target, String why) {
        return new SyncStep(step, target, Action.SKIPPED, why, null, List.of());
    }

    public boolean ok() {
        return action != Action.FAILED && action != Action.SKIPPED;
    }

    /** "number +33142000001: Vapi rejected the request (422): …" */
    public String describe() {
        return step + (target == null ? "" : " " + target) + ": " + (error == null ? action.name().toLowerCase() : error);
    }
}
