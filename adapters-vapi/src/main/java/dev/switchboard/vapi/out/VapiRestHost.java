package dev.switchboard.vapi.out;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.studio.HostedAssistant;
import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedCall;
import dev.switchboard.domain.studio.HostedNumber;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.TwilioAccount;
import dev.switchboard.domain.studio.VapiAccount;
import dev.switchboard.domain.studio.VoiceAgentHost;
import dev.switchboard.vapi.config.VapiProperties;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vapi's REST API (PROTOCOLS.md §9) with Micronaut's HTTP client: bearer API key per tenant,
 * JSON both ways. Every failure becomes a {@link PortFailure} naming the operation and carrying
 * Vapi's own message (its error bodies never hold secrets; ours never echo request bodies).
 */
@Singleton
final class VapiRestHost implements VoiceAgentHost {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Map<String, Object>>> ARRAY = Argument.listOf(OBJECT);

    private final HttpClient client;
    private final JsonMapper json;
    private final VapiProperties properties;

    VapiRestHost(VapiProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        var configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(properties.timeout());
        configuration.setConnectTimeout(properties.timeout());
        configuration.setExceptionOnErrorStatus(true);
        try {
            this.client = HttpClient.create(URI.create(properties.baseUrl()).toURL(), configuration);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("switchboard.vapi.base-url is not a URL: " + properties.baseUrl(), e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public HostedAssistant createAssistant(VapiAccount account, HostedAssistantSpec spec) {
        return assistant(send("create the assistant", account, HttpRequest.POST("/assistant", write(VapiAssistantJson.write(spec)))));
    }

    @Override
    public HostedAssistant updateAssistant(VapiAccount account, String id, HostedAssistantSpec spec) {
        return assistant(send("update assistant " + id, account, HttpRequest.PATCH("/assistant/" + id, write(VapiAssistantJson.write(spec)))));
    }

    @Override
    public Optional<HostedAssistant> findAssistant(VapiAccount account, String id) {
        try {
            return Optional.of(assistant(send("read assistant " + id, account, HttpRequest.GET("/assistant/" + id))));
        } catch (PortFailure e) {
            if (e.category() == PortFailure.Category.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    @Override
    public boolean deleteAssistant(VapiAccount account, String id) {
        try {
            send("delete assistant " + id, account, HttpRequest.DELETE("/assistant/" + id));
            return true;
        } catch (PortFailure e) {
            if (e.category() == PortFailure.Category.NOT_FOUND) return false;
            throw e;
        }
    }

    @Override
    public List<HostedAssistant> listAssistants(VapiAccount account) {
        var raw = send("list assistants", account, HttpRequest.GET("/assistant?limit=1000"));
        List<Map<String, Object>> items;
        try {
            items = json.readValue(raw.getBytes(StandardCharsets.UTF_8), ARRAY);
        } catch (IOException | RuntimeException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, "list assistants: Vapi answered something that is not a JSON array", e);
        }
        return items.stream().filter(a -> a.get("id") != null)
                .map(a -> new HostedAssistant(String.valueOf(a.get("id")), VapiAssistantJson.read(a))).toList();
    }

    @Override
    public List<HostedNumber> listNumbers(VapiAccount account) {
        var raw = send("list phone numbers", account, HttpRequest.GET("/phone-number?limit=1000"));
        try {
            return json.readValue(raw.getBytes(StandardCharsets.UTF_8), ARRAY).stream().map(VapiRestHost::number).toList();
        } catch (IOException | RuntimeException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, "list phone numbers: Vapi answered something that is not a JSON array", e);
        }
    }

    @Override
    public HostedNumber importTwilioNumber(VapiAccount account, TwilioAccount twilio, E164Number number, String label,
                                           String assistantId, HostedServer server) {
        var body = new LinkedHashMap<String, Object>();
        body.put("provider", "twilio");
        body.put("number", number.value());
        body.put("twilioAccountSid", twilio.accountSid());
        body.put("twilioAuthToken", twilio.authToken());
        if (label != null) body.put("name", label.length() > 40 ? label.substring(0, 40) : label);
        body.put("assistantId", assistantId);
        // SMS stays with whatever the tenant configured on Twilio; Vapi only takes voice.
        body.put("smsEnabled", false);
        if (server != null) body.put("server", VapiAssistantJson.server(server));
        return number(object("import " + number + " from Twilio",
                send("import " + number + " from Twilio", account, HttpRequest.POST("/phone-number", write(body)))));
    }

    @Override
    public HostedNumber assignNumber(VapiAccount account, String numberId, String assistantId) {
        var what = "assign phone number " + numberId;
        return number(object(what, send(what, account, HttpRequest.PATCH("/phone-number/" + numberId, write(Map.of("assistantId", assistantId))))));
    }

    @Override
    public String placeCall(VapiAccount account, HostedCall call) {
        var what = "place a call to " + call.customer();
        var body = object(what, send(what, account, HttpRequest.POST("/call", write(callBody(call)))));
        var id = body.get("id");
        if (id == null) throw new PortFailure(PortFailure.Category.UNAVAILABLE, what + ": Vapi answered a call without an id");
        return String.valueOf(id);
    }

    /** {@code POST /call}'s body (Vapi's CreateCallDTO); holds the Twilio token when the line is not imported, so never logged. */
    static Map<String, Object> callBody(HostedCall call) {
        var body = new LinkedHashMap<String, Object>();
        if (call.assistantId() != null) body.put("assistantId", call.assistantId());
        else body.put("assistant", VapiAssistantJson.write(call.assistant()));
        if (call.phoneNumberId() != null) {
            body.put("phoneNumberId", call.phoneNumberId());
        } else {
            // A transient line: Vapi dials through the Twilio account that holds our number.
            var line = new LinkedHashMap<String, Object>();
            line.put("twilioPhoneNumber", call.from().value());
            line.put("twilioAccountSid", call.twilio().accountSid());
            line.put("twilioAuthToken", call.twilio().authToken());
            body.put("phoneNumber", line);
        }
        body.put("customer", Map.of("number", call.customer().value()));
        var overrides = new LinkedHashMap<String, Object>();
        if (!call.variableValues().isEmpty()) overrides.put("variableValues", call.variableValues());
        if (call.prompt() != null) {
            // Same provider and model as synced: Vapi changes only what is sent, and a system message replaces the saved prompt.
            var model = new LinkedHashMap<String, Object>();
            model.put("provider", call.prompt().modelProvider());
            model.put("model", call.prompt().model());
            model.put("messages", List.of(Map.of("role", "system", "content", call.prompt().systemPrompt())));
            overrides.put("model", model);
            if (call.prompt().firstMessage() != null) overrides.put("firstMessage", call.prompt().firstMessage());
        }
        if (!call.metadata().isEmpty()) overrides.put("metadata", call.metadata());
        if (!overrides.isEmpty()) body.put("assistantOverrides", overrides);
        return body;
    }

    private HostedAssistant assistant(String raw) {
        var body = object("read the assistant", raw);
        var id = body.get("id");
        if (id == null) throw new PortFailure(PortFailure.Category.UNAVAILABLE, "Vapi answered an assistant without an id");
        return new HostedAssistant(String.valueOf(id), VapiAssistantJson.read(body));
    }

    private static HostedNumber number(Map<String, Object> body) {
        var id = body.get("id");
        if (id == null) throw new PortFailure(PortFailure.Category.UNAVAILABLE, "Vapi answered a phone number without an id");
        return new HostedNumber(String.valueOf(id), VapiAssistantJson.text(body.get("number")), VapiAssistantJson.text(body.get("assistantId")));
    }

    private Map<String, Object> object(String what, String raw) {
        try {
            var body = json.readValue(raw.getBytes(StandardCharsets.UTF_8), OBJECT);
            if (body == null) throw new IOException("empty body");
            return body;
        } catch (IOException | RuntimeException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, what + ": Vapi answered something that is not a JSON object", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a Vapi request body", e);
        }
    }

    private String send(String what, VapiAccount account, MutableHttpRequest<?> request) {
        request.bearerAuth(account.apiKey()).accept(MediaType.APPLICATION_JSON_TYPE);
        if (request.getBody().isPresent()) request.contentType(MediaType.APPLICATION_JSON_TYPE);
        try {
            var response = client.toBlocking().exchange(request, String.class);
            return response.getBody().orElse("");
        } catch (HttpClientResponseException e) {
            throw VapiFailures.of(what, e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""), json, e);
        } catch (ReadTimeoutException e) {
            throw new PortFailure(PortFailure.Category.TIMEOUT,
                    what + ": Vapi did not answer within " + properties.timeout().toSeconds() + " s", e);
        } catch (HttpClientException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, what + ": Vapi is unreachable (" + e.getMessage() + ")", e);
        }
    }
}
