package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.Toolbox;

/**
 * What an assistant should look like in Vapi right now: {@link VapiMapping} applied with the
 * toolbox's definitions and the tenant's webhook ({@code <public-url>/webhooks/vapi/<tenant>},
 * so every server message names its tenant before anything is parsed).
 */
public final class VapiSpecs {
    private final Toolbox toolbox;
    private final String publicUrl;

    /** @param publicUrl where Vapi reaches us, e.g. {@code https://switchboard.example.com} */
    public VapiSpecs(Toolbox toolbox, String publicUrl) {
        this.toolbox = toolbox;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public HostedServer server(TenantId tenant, String webhookSecret) {
        return new HostedServer(publicUrl + "/webhooks/vapi/" + tenant, webhookSecret);
    }

    public HostedAssistantSpec spec(Assistant assistant, String webhookSecret) {
        return VapiMapping.spec(assistant, toolbox.definitionsFor(assistant), server(assistant.tenantId(), webhookSecret));
    }
}
