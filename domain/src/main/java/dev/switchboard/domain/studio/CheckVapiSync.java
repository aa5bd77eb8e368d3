package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored sync state of assistants plus a live look at Vapi: has anyone changed (or deleted)
 * the assistant in Vapi's dashboard since we synced it, and has our own assistant changed since?
 * Vapi's copy is fingerprinted like the one we sent ({@link SpecComparison#hash}); a different
 * fingerprint is drift, stored as {@code DRIFTED} when the assistant was {@code SYNCED}.
 */
public final class CheckVapiSync {
    /** @param assistantId one assistant; {@code null} for every Vapi assistant and every assistant with a stored state */
    public record Command(TenantId tenantId, AssistantId assistantId) {
        public Command {
            Objects.requireNonNull(tenantId, "tenantId");
        }
    }

    /** What the live check found. */
    public enum Live {
        /** Vapi holds what we last sent. */
        IN_SYNC,
        /** Vapi holds something else than what we last sent. */
        DRIFTED,
        /** The assistant we synced is gone from Vapi. */
        DELETED_IN_VAPI,
        /** Never synced (or never created in Vapi). */
        NEVER_SYNCED,
        /** Vapi could not be asked (see {@code error}). */
        UNREACHABLE,
        /** The tenant has no Vapi connection. */
        NOT_CONNECTED
    }

    /**
     * One assistant's standing.
     *
     * @param stored the state after this check ({@code null} when never synced)
     * @param changedSinceSync our assistant's settings differ from what was last synced
     * @param differences what Vapi holds compared with what our assistant says now
     */
    public record AssistantCheck(AssistantId assistantId, String name, VapiSyncState stored, Live live, boolean changedSinceSync,
                                 List<FieldDifference> differences, String error) {
        public AssistantCheck {
            differences = List.copyOf(differences);
        }
    }

    /** The checks, or why there are none. */
    public sealed interface Result {
        record Done(List<AssistantCheck> checks) implements Result {}

        record AssistantNotFound(AssistantId id) implements Result {}
    }

    private final AssistantRepository assistants;
    private final VapiSyncStateRepository states;
    private final VapiCredentials credentials;
    private final VapiSpecs specs;
    private final VoiceAgentHost host;
    private final Clock clock;

    public CheckVapiSync(AssistantRepository assistants, VapiSyncStateRepository states, VapiCredentials credentials,
                         VapiSpecs specs, VoiceAgentHost host, Clock clock) {
        this.assistants = assistants;
        this.states = states;
        this.credentials = credentials;
        this.specs = specs;
        this.host = host;
        this.clock = clock;
    }

    public Result check(Command command) {
        var tenant = command.tenantId();
        List<Assistant> targets;
        if (command.assistantId() != null) {
            var one = assistants.findById(tenant, command.assistantId());
            if (one.isEmpty()) return new Result.AssistantNotFound(command.assistantId());
            targets = List.of(one.get());
        } else {
            var synced = states.list(tenant).stream().map(VapiSyncState::assistantId).toList();
            targets = assistants.list(tenant).stream().filter(a -> a.runtime() == Runtime.VAPI || synced.contains(a.id())).toList();
        }
        var account = credentials.vapi(tenant);
        var secret = credentials.webhookSecret(tenant);
        var checks = new ArrayList<AssistantCheck>();
        for (var assistant : targets) {
            var stored = states.find(tenant, assistant.id()).orElse(null);
            if (account.isEmpty() || secret.isEmpty()) {
                checks.add(new AssistantCheck(assistant.id(), assistant.name(), stored, Live.NOT_CONNECTED, false, List.of(),
                        "the tenant has no Vapi connection (apiKey and webhookSecret)"));
                continue;
            }
            checks.add(checkOne(assistant, stored, account.get(), secret.get()));
        }
        return new Result.Done(checks);
    }

    private AssistantCheck checkOne(Assistant assistant, VapiSyncState stored, VapiAccount account, String secret) {
        var wanted = specs.spec(assistant, secret);
        boolean changed = stored != null && !Objects.equals(stored.configHash(), wanted.metadata(HostedAssistantSpec.HASH_KEY));
        if (stored == null || stored.vapiAssistantId() == null)
            return new AssistantCheck(assistant.id(), assistant.name(), stored, Live.NEVER_SYNCED, stored != null, List.of(), null);
        Optional<HostedAssistant> remote;
        try {
            remote = host.findAssistant(account, stored.vapiAssistantId());
        } catch (PortFailure e) {
            return new AssistantCheck(assistant.id(), assistant.name(), stored, Live.UNREACHABLE, changed, List.of(), e.getMessage());
        }
        if (remote.isEmpty()) {
            var why = "assistant " + stored.vapiAssistantId() + " was deleted in Vapi";
            return new AssistantCheck(assistant.id(), assistant.name(), markDrifted(stored, why), Live.DELETED_IN_VAPI, changed, List.of(), why);
        }
        var held = remote.get().spec();
        var differences = SpecComparison.differences(wanted, held);
        if (Objects.equals(SpecComparison.hash(held), stored.configHash()))
            return new AssistantCheck(assistant.id(), assistant.name(), stored, Live.IN_SYNC, changed, differences, null);
        var why = "changed in Vapi since the last sync" + (differences.isEmpty() ? ""
                : ": " + String.join(", ", differences.stream().map(FieldDifference::field).toList()));
        return new AssistantCheck(assistant.id(), assistant.name(), markDrifted(stored, why), Live.DRIFTED, changed, differences, why);
    }

    private VapiSyncState markDrifted(VapiSyncState stored, String why) {
        if (stored.status() != SyncStatus.SYNCED) return stored;
        var drifted = stored.drifted(clock.instant(), why);
        states.save(drifted);
        return drifted;
    }
}
