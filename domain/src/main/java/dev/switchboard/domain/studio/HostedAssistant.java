package dev.switchboard.domain.studio;

import java.util.Objects;

/** An assistant as Vapi holds it: Vapi's id and the settings it reports. */
public record HostedAssistant(String id, HostedAssistantSpec spec) {
    public HostedAssistant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
    }
}
