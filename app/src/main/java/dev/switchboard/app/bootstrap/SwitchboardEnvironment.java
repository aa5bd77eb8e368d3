package dev.switchboard.app.bootstrap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Switchboard's own environment variables into Micronaut configuration before any bean
 * exists, so the same wiring serves {@code java -jar}, the CLI and {@code @MicronautTest}:
 * the data directory, {@code DATABASE_URL} (absent = embedded PostgreSQL), and development
 * keys generated into the data directory when {@code SWITCHBOARD_JWT_SECRET} or
 * {@code SWITCHBOARD_MASTER_KEY} are unset. A system property of the same name
 * (e.g. {@code -DSWITCHBOARD_DATA_DIR=…}) wins over the environment variable, which tests use.
 */
final class SwitchboardEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardEnvironment.class);
    private final Function<String, String> env;

    static SwitchboardEnvironment fromSystem() {
        return new SwitchboardEnvironment(SwitchboardEnvironment::lookup);
    }

    SwitchboardEnvironment(Function<String, String> env) {
        this.env = env;
    }

    Map<String, Object> properties() {
        var props = new HashMap<String, Object>();
        var dataDir = DataDirectory.resolve(env.apply("SWITCHBOARD_DATA_DIR"));
        props.put("switchboard.data-dir", dataDir.path().toString());
        props.put("switchboard.embedded-postgres.data-dir", dataDir.path().resolve("postgres").toString());

        var databaseUrl = env.apply("DATABASE_URL");
        boolean ownDatabase = databaseUrl != null && !databaseUrl.isBlank();
        if (ownDatabase) {
            // A real deployment: no demo owner unless asked for, and no keys that vanish with a container.
            if (blank(env.apply("SWITCHBOARD_DEMO"))) props.put("switchboard.demo.enabled", false);
            // Nor may strangers open tenants (and spend the platform's LLM key) unless the operator says so.
            if (blank(env.apply("SWITCHBOARD_SIGNUP_ENABLED"))) props.put("switchboard.signup.enabled", false);
            for (var key : new String[] {"SWITCHBOARD_MASTER_KEY", "SWITCHBOARD_JWT_SECRET"})
                if (blank(env.apply(key)))
                    throw new IllegalStateException(key + " must be set when DATABASE_URL is: a key generated into the data "
                            + "directory would be lost with it, and every stored secret or token with the key");
            var url = DatabaseUrl.parse(databaseUrl);
            props.put("datasources.default.url", url.jdbcUrl());
            if (url.username() != null) props.put("datasources.default.username", url.username());
            if (url.password() != null) props.put("datasources.default.password", url.password());
        }

        var jwtSecret = env.apply("SWITCHBOARD_JWT_SECRET");
        if (jwtSecret == null || jwtSecret.isBlank()) {
            LOG.warn("SWITCHBOARD_JWT_SECRET is not set: using a development key generated in {}. Set it in production.", dataDir.path());
            jwtSecret = dataDir.generatedKey("jwt-secret", 48);
        } else if (jwtSecret.length() < 32) {
            throw new IllegalStateException("SWITCHBOARD_JWT_SECRET must be at least 32 characters long");
        }
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", jwtSecret);

        var masterKey = env.apply("SWITCHBOARD_MASTER_KEY");
        if (masterKey == null || masterKey.isBlank()) {
            LOG.warn("SWITCHBOARD_MASTER_KEY is not set: secrets are encrypted with a development key generated in {}. Set it in production.", dataDir.path());
            masterKey = dataDir.generatedKey("master-key", 32);
        }
        props.put("switchboard.master-key", masterKey);
        // During a rotation: the key secrets were sealed with until they are all re-sealed
        // (the data directory keeps it while ./switchboard rotate-master-key runs).
        var previousKey = env.apply("SWITCHBOARD_PREVIOUS_MASTER_KEY");
        if (blank(previousKey)) previousKey = dataDir.existingKey(DataDirectory.PREVIOUS_MASTER_KEY).orElse(null);
        if (!blank(previousKey)) props.put("switchboard.previous-master-key", previousKey);

        var twilioSid = env.apply("TWILIO_ACCOUNT_SID");
        if (twilioSid != null && !twilioSid.isBlank()) props.put("switchboard.twilio.account-sid", twilioSid);
        var twilioToken = env.apply("TWILIO_AUTH_TOKEN");
        if (twilioToken == null || twilioToken.isBlank()) {
            // A real deployment is signed by Twilio with the account's token: a generated one would
            // reject every real webhook, and is one more secret lying in a directory.
            if (ownDatabase || !blank(twilioSid))
                throw new IllegalStateException("TWILIO_AUTH_TOKEN must be set when " + (ownDatabase ? "DATABASE_URL" : "TWILIO_ACCOUNT_SID")
                        + " is: Twilio signs its webhooks with your account's auth token, not with a development token "
                        + "generated into the data directory");
            // Lets a fresh install take simulated calls (./switchboard simulate signs with the same file).
            LOG.warn("TWILIO_AUTH_TOKEN is not set: webhooks are checked against a development token generated in {}.", dataDir.path());
            twilioToken = dataDir.generatedKey("twilio-auth-token", 24);
        }
        props.put("switchboard.twilio.auth-token", twilioToken);
        // Micronaut listens on every interface unless told otherwise (what a container or a PaaS
        // needs); SWITCHBOARD_BIND=127.0.0.1 keeps a development server off the network.
        // logback.xml picks its appender by this name: any other value would silence every log line.
        var logFormat = env.apply("SWITCHBOARD_LOG_FORMAT");
        if (!blank(logFormat) && !java.util.Set.of("text", "json").contains(logFormat))
            throw new IllegalStateException("SWITCHBOARD_LOG_FORMAT must be text or json (got '" + logFormat + "')");
        var bind = env.apply("SWITCHBOARD_BIND");
        if (!blank(bind)) props.put("micronaut.server.host", bind.strip());
        var publicUrl = env.apply("SWITCHBOARD_PUBLIC_URL");
        var port = env.apply("PORT");
        props.put("switchboard.public-url", !blank(publicUrl) ? publicUrl : "http://localhost:" + (blank(port) ? "8080" : port.strip()));

        props.putAll(CrossOrigins.properties(env.apply(CrossOrigins.VARIABLE)));
        props.put("micronaut.netty.event-loops.default.num-threads", eventLoops(env.apply("SWITCHBOARD_EVENT_LOOPS")));

        var jwks = env.apply("SWITCHBOARD_JWKS_URL");
        if (jwks != null && !jwks.isBlank()) {
            // Any key in a provider's JWKS may sign tokens for other applications too: only this issuer's
            // tokens meant for us (audience) are accepted, and then only for subjects linked to a user.
            for (var key : new String[] {"SWITCHBOARD_JWKS_ISSUER", "SWITCHBOARD_JWKS_AUDIENCE"})
                if (blank(env.apply(key)))
                    throw new IllegalStateException(key + " must be set when SWITCHBOARD_JWKS_URL is: without it, a token the "
                            + "identity provider signed for any other application would open this API");
            props.put("micronaut.security.token.jwt.signatures.jwks.external.url", jwks);
            props.put("switchboard.jwks.issuer", env.apply("SWITCHBOARD_JWKS_ISSUER").strip());
            props.put("switchboard.jwks.audience", env.apply("SWITCHBOARD_JWKS_AUDIENCE").strip());
        }
        return props;
    }

    /**
     * One event loop per core, not Netty's two: every loop is busy with audio frames under load, and
     * on two cores four loops (plus the Realtime sockets sharing them) took turns on the CPU. 1,000
     * stream calls read p99 33–39 ms with four loops, 11–49 ms with two (ADR 011).
     */
    static int eventLoops(String configured) {
        if (blank(configured)) return Runtime.getRuntime().availableProcessors();
        try {
            int loops = Integer.parseInt(configured.strip());
            if (loops > 0) return loops;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalStateException("SWITCHBOARD_EVENT_LOOPS must be a positive number of threads (got '" + configured + "')");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String lookup(String name) {
        var property = System.getProperty(name);
        return property != null ? property : System.getenv(name);
    }
}
