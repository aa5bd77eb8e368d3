package dev.switchboard.app.doctor;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.CheckVapiSync;
import java.util.ArrayList;
import java.util.List;

/** Seed 004: "saved & synced to Vapi" while Vapi holds something else. The live drift check, one finding per assistant. */
final class VapiDriftCheck {
    private static final String SYNC = "POST /api/v1/studio/sync-vapi {\"assistantId\": \"%s\"}";
    private final CheckVapiSync check;

    VapiDriftCheck(CheckVapiSync check) {
        this.check = check;
    }

    List<Finding> run(TenantId tenant) {
        var result = check.check(new CheckVapiSync.Command(tenant, null));
        if (!(result instanceof CheckVapiSync.Result.Done done) || done.checks().isEmpty())
            return List.of(Finding.skipped("vapi", "no assistant runs on Vapi"));
        var findings = new ArrayList<Finding>();
        for (var one : done.checks()) {
            var name = "vapi " + one.name();
            var sync = SYNC.formatted(one.assistantId());
            findings.add(switch (one.live()) {
                case IN_SYNC -> one.changedSinceSync() ? Finding.warn(name, "changed here since the last sync", sync)
                        : Finding.ok(name, "Vapi holds what we last synced");
                case DRIFTED, DELETED_IN_VAPI -> Finding.fail(name, one.error(), sync + " (ours wins)");
                case NEVER_SYNCED -> Finding.fail(name, "never synced to Vapi: calls to its numbers reach no assistant", sync);
                case UNREACHABLE -> Finding.fail(name, "Vapi could not be asked: " + one.error(), "see credentials.vapi");
                case NOT_CONNECTED -> Finding.fail(name, one.error(), "PUT /api/v1/connections/vapi {\"apiKey\", \"webhookSecret\"}");
            });
        }
        return findings;
    }
}
