package dev.switchboard.app.bootstrap;

import dev.switchboard.app.security.SignUp;
import dev.switchboard.app.security.TokenIssuer;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.DtmfPolicy;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.assistant.TranscriberSettings;
import dev.switchboard.domain.assistant.VoiceSettings;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tenant.User;
import dev.switchboard.domain.tenant.UserRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a fresh install, creates a demo tenant (owner, assistant, number) so the platform can be
 * tried at once; at every start, prints how to log in and a ready-made token. Off with
 * {@code SWITCHBOARD_DEMO=false}. The generated password is kept in the data directory, readable
 * by its owner only, so it can be shown again after a restart.
 */
@Singleton
@Requires(property = "switchboard.demo.enabled", value = "true", defaultValue = "true")
final class DemoTenant {
    static final String EMAIL = "demo@switchboard.local";
    static final String NUMBER = "+15005550006";
    private static final Logger LOG = LoggerFactory.getLogger(DemoTenant.class);

    private final TenantRepository tenants;
    private final UserRepository users;
    private final AssistantRepository assistants;
    private final PhoneNumberRepository numbers;
    private final SignUp signUp;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final Path passwordFile;

    DemoTenant(TenantRepository tenants, UserRepository users, AssistantRepository assistants, PhoneNumberRepository numbers,
               SignUp signUp, TokenIssuer tokens, Clock clock, @Value("${switchboard.data-dir}") String dataDir) {
        this.tenants = tenants;
        this.users = users;
        this.assistants = assistants;
        this.numbers = numbers;
        this.signUp = signUp;
        this.tokens = tokens;
        this.clock = clock;
        this.passwordFile = Path.of(dataDir, "demo-password");
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        var owner = users.findByEmail(EMAIL).orElse(null);
        if (owner == null && tenants.count() == 0) owner = seed();
        if (owner == null) return;
        var base = event.getSource().getURL().toString().replaceAll("/$", "");
        var password = Files.exists(passwordFile) ? read(passwordFile) : "(set at first start; see " + passwordFile + ")";
        var token = tokens.issue(owner).accessToken();
        System.out.println("""

                ── Switchboard is up at %1$s ────────────────────────────────
                Demo tenant   log in with %2$s / %3$s
                              curl -s -X POST %1$s/api/v1/auth/login -H 'Content-Type: application/json' \\
                                   -d '{"email":"%2$s","password":"%3$s"}'
                Token (1 h)   %4$s
                Try           curl -s %1$s/api/v1/assistants -H "Authorization: Bearer %4$s"
                Health        curl -s %1$s/health
                """.formatted(base, EMAIL, password, token));
    }

    private User seed() {
        var password = randomPassword();
        var owner = signUp.signUp(new SignUp.Command("Demo Salon", ZoneId.of("Europe/Paris"), EMAIL, password));
        var now = clock.instant();
        var assistant = new Assistant(AssistantId.random(), owner.tenantId(), "Reception",
                "Warm, brief, and precise about times and names.",
                "You answer the phone for Demo Salon, a hair salon. Help callers book, move or cancel appointments, "
                        + "answer questions about services and opening hours, and transfer to a human when asked.",
                "Hello, Demo Salon, how can I help you today?", "en-US",
                new VoiceSettings("google", "en-US-Journey-O", 1.0), new TranscriberSettings("deepgram", "nova-3", "en-US"),
                new ModelSettings("offline", "demo-brain", 0.3, 400),
                Set.of("check_availability", "book_appointment", "cancel_appointment", "transfer_to_human", "end_call"),
                DtmfPolicy.standard(), new E164Number("+15005550009"), Runtime.RELAY, now, now);
        assistants.save(assistant);
        numbers.save(new PhoneNumber(PhoneNumberId.random(), owner.tenantId(), new E164Number(NUMBER), "Demo line",
                assistant.id(), null, null, now));
        write(passwordFile, password);
        LOG.info("Created the demo tenant 'Demo Salon' with its owner {}, assistant 'Reception' and number {}", EMAIL, NUMBER);
        return owner;
    }

    private static String randomPassword() {
        var alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var random = new SecureRandom();
        var out = new StringBuilder();
        for (int i = 0; i < 16; i++) out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
