package dev.switchboard.app.doctor;

import dev.switchboard.app.metrics.MeteredVoiceAgentHost;
import dev.switchboard.app.metrics.RestMeters;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.phone.CheckPhoneNumber;
import dev.switchboard.domain.phone.ConfigurePhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.VapiCredentials;
import dev.switchboard.domain.studio.VoiceAgentHost;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.config.AnthropicProperties;
import dev.switchboard.llm.config.OpenAiProperties;
import dev.switchboard.llm.realtime.GeminiLiveProperties;
import dev.switchboard.twilio.config.TwilioProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import javax.sql.DataSource;

/**
 * Runs every check for one tenant, in the order a call needs them: the platform (public URL,
 * database, clock), the tenant's numbers at Twilio, its credentials, its Vapi assistants. The
 * same findings back {@code GET /api/v1/diagnostics} and {@code ./switchboard doctor}. Blocking
 * (network and database): call off the event loop. Thread-safe.
 */
@Singleton
public final class Doctor {
    private final PublicUrlCheck publicUrl;
    private final PlatformChecks platform;
    private final NumberChecks numbers;
    private final CredentialChecks credentials;
    private final VapiDriftCheck vapiDrift;

    @SuppressWarnings("checkstyle:ParameterNumber")
    Doctor(@Value("${switchboard.public-url}") String publicUrl, @Value("${switchboard.twilio.api-url}") String twilioApiUrl,
           TwilioProperties twilio, Telephony telephony, PhoneNumberRepository phoneNumbers, CheckPhoneNumber checkNumber,
           ConfigurePhoneNumber configureNumber, ConnectionRepository connections, SecretVault vault, VapiCredentials vapiCredentials,
           VoiceAgentHost vapi, RestMeters meters, CheckVapiSync checkVapi, ApiKeys keys, AnthropicProperties anthropic,
           OpenAiProperties openAi, GeminiLiveProperties gemini, @Value("${anthropic.api-key:}") String anthropicKeyVariable,
           @Value("${openai.api-key:}") String openAiKeyVariable, @Value("${gemini.api-key:}") String geminiKeyVariable,
           DataSource dataSource, Clock clock) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.publicUrl = new PublicUrlCheck(publicUrl, twilio.accountSid(), twilio.authToken(), http);
        // The injected data source hands out the current transaction's connection only; the checks need their own.
        this.platform = new PlatformChecks(DelegatingDataSource.unwrapDataSource(dataSource), twilioApiUrl, clock, http);
        this.numbers = new NumberChecks(phoneNumbers, checkNumber, configureNumber);
        var apis = new CredentialChecks.ModelApis(anthropic.baseUrl(), anthropic.withKeyUnlessSet(anthropicKeyVariable).apiKey(),
                openAi.baseUrl(), openAi.withKeyUnlessSet(openAiKeyVariable).apiKey(), gemini.liveUrl(),
                gemini.apiKey() != null && !gemini.apiKey().isBlank() ? gemini.apiKey() : geminiKeyVariable);
        this.credentials = new CredentialChecks(telephony, connections, vault, twilio.accountSid(), twilio.authToken(), vapiCredentials,
                new MeteredVoiceAgentHost(vapi, meters), keys, apis, http);
        this.vapiDrift = new VapiDriftCheck(checkVapi);
    }

    /**
     * @param repair point numbers whose webhooks drifted back at us (what {@code --fix} does);
     *     needs a role that may configure
     */
    public Finding.Diagnosis examine(TenantId tenant, boolean repair) {
        var findings = new ArrayList<Finding>();
        findings.addAll(publicUrl.run());
        findings.addAll(platform.run());
        findings.addAll(numbers.run(tenant, repair));
        findings.addAll(credentials.run(tenant));
        findings.addAll(vapiDrift.run(tenant));
        return Finding.Diagnosis.of(findings);
    }
}
