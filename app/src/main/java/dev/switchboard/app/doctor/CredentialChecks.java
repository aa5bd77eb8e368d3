package dev.switchboard.app.doctor;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SecretOwner;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VoiceAgentHost;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyResult;
import dev.switchboard.llm.ApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One cheap authenticated request per provider, with the key a call of this tenant would use (its
 * own connection's, else the platform's), against the configured base URLs: Twilio
 * {@code GET Accounts/{sid}.json}, Vapi {@code GET /assistant}, Anthropic {@code GET /v1/models},
 * OpenAI {@code GET /models}, Google {@code GET /v1beta/models}. A refused key is a failure with
 * its fix; no key at all is skipped (the offline model answers).
 */
final class CredentialChecks {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where the model APIs live and the platform's keys (blank when none). */
    record ModelApis(String anthropicBaseUrl, String anthropicKey, String openAiBaseUrl, String openAiKey,
                     String geminiLiveUrl, String geminiKey) {}

    private final Telephony telephony;
    private final ConnectionRepository connections;
    private final SecretVault vault;
    private final String platformAccountSid;
    private final String platformToken;
    private final VapiCredentials vapiCredentials;
    private final VoiceAgentHost vapi;
    private final ApiKeys keys;
    private final ModelApis apis;
    private final HttpClient http;

    CredentialChecks(Telephony telephony, ConnectionRepository connections, SecretVault vault, String platformAccountSid,
                     String platformToken, VapiCredentials vapiCredentials, VoiceAgentHost vapi, ApiKeys keys, ModelApis apis,
                     HttpClient http) {
        this.telephony = telephony;
        this.connections = connections;
        this.vault = vault;
        this.platformAccountSid = platformAccountSid;
        this.platformToken = platformToken;
        this.vapiCredentials = vapiCredentials;
        this.vapi = vapi;
        this.keys = keys;
        this.apis = apis;
        this.http = http;
    }

    List<Finding> run(TenantId tenant) {
        var findings = new ArrayList<Finding>();
        findings.add(twilio(tenant));
        findings.add(vapi(tenant));
        findings.add(model(tenant, Provider.ANTHROPIC, apis.anthropicKey(), apis.anthropicBaseUrl().replaceAll("/+$", "") + "/v1/models",
                "x-api-key", "", "anthropic-version", "2023-06-01"));
        findings.add(model(tenant, Provider.OPENAI, apis.openAiKey(), apis.openAiBaseUrl().replaceAll("/+$", "") + "/models",
                "Authorization", "Bearer ", null, null));
        findings.add(model(tenant, Provider.GOOGLE, apis.geminiKey(), geminiModels(apis.geminiLiveUrl()), "x-goog-api-key", "", null, null));
        return findings;
    }

    private Finding twilio(TenantId tenant) {
        var check = "credentials.twilio";
        var fix = "PUT /api/v1/connections/twilio with the account SID and auth token shown on console.twilio.com";
        var own = connections.find(tenant, Provider.TWILIO);
        String sid;
        String token;
        String whose;
        if (own.isPresent() && own.get().secrets().containsKey("authToken")) {
            sid = own.get().settings().get("accountSid");
            token = vault.open(new SecretOwner(tenant, Provider.TWILIO, "authToken"), own.get().secrets().get("authToken"));
            whose = "the tenant's Twilio connection";
        } else if (platformAccountSid != null && !platformAccountSid.isBlank() && platformToken != null && !platformToken.isBlank()) {
            sid = platformAccountSid;
            token = platformToken;
            whose = "the platform's Twilio account";
            fix = "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to the pair shown on console.twilio.com, or connect the tenant's own account";
        } else {
            return Finding.skipped(check, "no Twilio account (development token only): numbers work unproven and only simulated calls reach them");
        }
        try {
            var result = telephony.verifyCredentials(tenant, sid, token);
            if (result instanceof TelephonyResult.Refused<?> refused)
                return Finding.fail(check, "Twilio refused " + whose + " (" + sid + "): " + refused.refusal(), fix);
            var account = result.orElseThrow();
            if (!account.active()) return Finding.fail(check, "Twilio account " + sid + " is " + account.status(), "reactivate it in Twilio's console");
            return Finding.ok(check, whose + " (" + sid + ") is accepted by Twilio");
        } catch (PortFailure e) {
            return Finding.fail(check, "Twilio could not be asked: " + e.getMessage(), "check SWITCHBOARD_TWILIO_API_URL and the network");
        }
    }

    private Finding vapi(TenantId tenant) {
        var check = "credentials.vapi";
        var account = vapiCredentials.vapi(tenant);
        if (account.isEmpty()) return Finding.skipped(check, "no Vapi connection");
        try {
            var count = vapi.listAssistants(account.get()).size();
            return Finding.ok(check, "Vapi accepts the tenant's API key (" + count + " assistants in the organisation)");
        } catch (PortFailure e) {
            if (e.category() == PortFailure.Category.REJECTED_CREDENTIALS)
                return Finding.fail(check, "Vapi refused the tenant's API key: " + e.getMessage(),
                        "PUT /api/v1/connections/vapi with the private API key from dashboard.vapi.ai");
            return Finding.fail(check, "Vapi could not be asked: " + e.getMessage(), "check SWITCHBOARD_VAPI_BASE_URL and the network");
        }
    }

    private Finding model(TenantId tenant, Provider provider, String platformKey, String url, String header, String prefix,
                          String extraHeader, String extraValue) {
        var check = "credentials." + provider.wireName();
        if (!keys.available(tenant, provider, platformKey))
            return Finding.skipped(check, "no " + provider.wireName() + " key (tenant or platform): assistants on "
                    + provider.wireName() + " are answered by the offline model");
        var whose = keys.paidByPlatform(tenant, provider, platformKey) ? "the platform's key" : "the tenant's key";
        var fix = "PUT /api/v1/connections/" + provider.wireName() + " with a valid apiKey"
                + (whose.startsWith("the platform") ? ", or fix the platform's key" : "");
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET()
                .header(header, prefix + keys.resolve(tenant, provider, platformKey));
        if (extraHeader != null) request.header(extraHeader, extraValue);
        try {
            var status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) return Finding.ok(check, provider.wireName() + " accepts " + whose);
            if (status == 401 || status == 403) return Finding.fail(check, provider.wireName() + " refused " + whose + " (HTTP " + status + ")", fix);
            return Finding.fail(check, url + " answered HTTP " + status, "check the configured base URL of " + provider.wireName());
        } catch (IOException e) {
            return Finding.fail(check, url + " does not answer: " + PublicUrlCheck.describe(e), "check the network and the configured base URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.fail(check, "interrupted", null);
        }
    }

    /** Gemini's REST models list on the Live endpoint's host: wss→https (ws→http for a loopback fake). */
    static String geminiModels(String liveUrl) {
        var live = URI.create(liveUrl);
        var scheme = "ws".equalsIgnoreCase(live.getScheme()) ? "http" : "https";
        return scheme + "://" + live.getRawAuthority() + "/v1beta/models";
    }
}
