package dev.switchboard.vapi.in;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.vapi.out.VapiAssistantJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vapi's server messages. Not behind JWT ({@link PermitAll}): every request is authenticated by
 * the tenant's webhook secret, sent by Vapi as the {@code X-Vapi-Secret} header our sync puts on
 * the assistant's server (a bearer token with the same secret is accepted too). Synced assistants
 * post to {@code /webhooks/vapi/{tenantId}}, checked before the body is even parsed;
 * {@code /webhooks/vapi} still works, the tenant then coming from the assistant's metadata or
 * the called number. Wrong or missing secret: 401 and nothing stored; a body that is not a server
 * message: 400; anything else: 200 with the body Vapi expects for the type.
 */
@Controller("/webhooks/vapi")
@PermitAll
@ExecuteOn(TaskExecutors.BLOCKING)
final class VapiServerMessages {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final IngestVapiMessage ingest;
    private final VapiWebhookSecrets secrets;
    private final VapiMessageJson messages;
    private final Clock clock;

    VapiServerMessages(IngestVapiMessage ingest, VapiWebhookSecrets secrets, JsonMapper json, Clock clock) {
        this.ingest = ingest;
        this.secrets = secrets;
        this.messages = new VapiMessageJson(json);
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> anyTenant(HttpRequest<?> request, @Nullable @Body String raw, @Nullable @Header("X-Vapi-Secret") String secret,
                              @Nullable @Header("Authorization") String authorization) {
        return handle(request, null, raw, presented(secret, authorization));
    }

    @Post(uri = "/{tenantId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> forTenant(HttpRequest<?> request, String tenantId, @Nullable @Body String raw,
                              @Nullable @Header("X-Vapi-Secret") String secret, @Nullable @Header("Authorization") String authorization) {
        TenantId tenant;
        try {
            tenant = TenantId.parse(tenantId);
        } catch (IllegalArgumentException e) {
            return problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", "wrong or missing webhook secret");
        }
        var presented = presented(secret, authorization);
        if (!secrets.accepts(tenant, presented))
            return problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", "wrong or missing webhook secret");
        return handle(request, tenant, raw, presented);
    }

    private HttpResponse<?> handle(HttpRequest<?> request, TenantId tenant, String raw, List<String> presented) {
        VapiMessage message;
        try {
            message = messages.read(raw, clock.instant());
        } catch (VapiMessageJson.Malformed e) {
            return problem(request, HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
        }
        var outcome = ingest.handle(new IngestVapiMessage.Command(tenant, presented, message));
        if (outcome instanceof IngestVapiMessage.Outcome.Unauthorized u)
            return problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", u.reason());
        return HttpResponse.ok(reply(((IngestVapiMessage.Outcome.Handled) outcome).reply()));
    }

    private static Map<String, Object> reply(VapiReply reply) {
        var body = new LinkedHashMap<String, Object>();
        if (reply instanceof VapiReply.ToolResults t) {
            var results = new ArrayList<Map<String, Object>>();
            for (var r : t.results()) {
                var item = new LinkedHashMap<String, Object>();
                item.put("toolCallId", r.toolCallId());
                item.put("name", r.name());
                if (r.error() != null) item.put("error", r.error());
                else item.put("result", r.result());
                results.add(item);
            }
            body.put("results", results);
        } else if (reply instanceof VapiReply.UseAssistant u) {
            body.put("assistantId", u.vapiAssistantId());
        } else if (reply instanceof VapiReply.TransientAssistant t) {
            body.put("assistant", VapiAssistantJson.write(t.spec()));
        } else if (reply instanceof VapiReply.Refuse r) {
            body.put("error", r.error());
        }
        return body;
    }

    private static List<String> presented(String secret, String authorization) {
        var out = new ArrayList<String>();
        if (secret != null && !secret.isBlank()) out.add(secret.strip());
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) out.add(authorization.substring(7).strip());
        return out;
    }

    private static HttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String type, String detail) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "https://switchboard.dev/problems/" + type);
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        body.put("instance", request.getPath());
        return HttpResponse.status(status).contentType(PROBLEM_JSON).body(body);
    }
}
