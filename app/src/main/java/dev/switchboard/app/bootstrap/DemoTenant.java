package dev.switchboard.app.bootstrap;

import dev.switchboard.app.security.SignUp;
import dev.switchboard.app.security.TokenIssuer;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneId;
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
    private static final Logger LOG = LoggerFactory.getLogger(DemoTenant.class);

    private final TenantRepository tenants;
    private final UserRepository users;
    private final DemoSalon salon;
    private final SignUp signUp;
    private final TokenIssuer tokens;
    private final Path passwordFile;
    private final String publicUrl;

    DemoTenant(TenantRepository tenants, UserRepository users, DemoSalon salon, SignUp signUp, TokenIssuer tokens,
               @Value("${switchboard.data-dir}") String dataDir, @Value("${switchboard.public-url}") String publicUrl) {
        this.publicUrl = publicUrl;
        this.tenants = tenants;
        this.users = users;
        this.salon = salon;
        this.signUp = signUp;
        this.tokens = tokens;
        this.passwordFile = Path.of(dataDir, "demo-password");
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        var owner = users.findByEmail(EMAIL).orElse(null);
        if (owner == null && tenants.count() == 0) owner = seed();
        if (owner == null) return;
        if (salon.lacksStreamLine()) {
            // A demo tenant made before the stream runtime had a demo line gets it now.
            try {
                salon.furnishStreamLine(owner.tenantId());
                LOG.info("Added the demo stream line {} to the demo tenant", DemoSalon.STREAM_NUMBER);
            } catch (RuntimeException e) {
                LOG.warn("Could not add the demo stream line {}: {}", DemoSalon.STREAM_NUMBER, e.getMessage());
            }
        }
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
                API           %1$s/swagger-ui (the OpenAPI document: %1$s/openapi/switchboard.yml)
                Call it       ./switchboard simulate%5$s --say "Hi, I'd like a haircut tomorrow at 2pm" --say "My name is Marie Dupont"
                Stream call   ./switchboard simulate%5$s --stream     (number %6$s: Media Streams, offline speech model without an OpenAI key)
                """.formatted(base, EMAIL, password, token, simulateOptions(base, publicUrl), DemoSalon.STREAM_NUMBER));
    }

    /**
     * What {@code ./switchboard simulate} needs to reach this server and have its signatures accepted:
     * {@code --url} unless it is the default, and {@code --public-url} when the URL signatures are
     * checked against is not the one it dials (e.g. {@code SWITCHBOARD_BIND=127.0.0.1} with the
     * default public URL {@code http://localhost:PORT}: signed for 127.0.0.1, refused with 403).
     */
    static String simulateOptions(String base, String publicUrl) {
        var options = base.equals("http://localhost:8080") ? "" : " --url " + base;
        var signedFor = publicUrl == null ? base : publicUrl.replaceAll("/$", "");
        return signedFor.equals(base) ? options : options + " --public-url " + signedFor;
    }

    private User seed() {
        var password = randomPassword();
        var owner = signUp.signUp(new SignUp.Command("Demo Salon", ZoneId.of("Europe/Paris"), EMAIL, password));
        salon.furnish(owner.tenantId());
        write(passwordFile, password);
        LOG.info("Created the demo tenant 'Demo Salon' with its owner {}, assistant 'Reception' and number {}, stream line {}", EMAIL,
                DemoSalon.NUMBER, DemoSalon.STREAM_NUMBER);
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

    /** Owner-only from its creation: never a moment when the password sits in a file others may read. */
    private static void write(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
