package dev.switchboard.app;

import dev.switchboard.app.bootstrap.SecondStart;
import dev.switchboard.app.bootstrap.TerminationSignals;
import dev.switchboard.app.cli.SwitchboardCli;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the Switchboard server, or runs a command-line tool ({@code simulate}) instead. */
@OpenAPIDefinition(info = @Info(title = "Switchboard API", version = "v1",
        description = "AI agents on phone lines. Sign up (POST /api/v1/signup) or log in (POST /api/v1/auth/login) for a bearer "
                + "token, then send it as 'Authorization: Bearer <token>'. Errors are application/problem+json; a 400 names every bad field."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The access_token of sign-up or login (HS256 JWT, valid one hour), or a token of the configured identity provider.")
public final class Switchboard {
    private Switchboard() {}

    public static void main(String[] args) {
        unsharedSecureRandoms();
        if (SwitchboardCli.handles(args)) System.exit(SwitchboardCli.run(args));
        var refusal = SecondStart.refusal();
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            System.exit(1);
        }
        var context = Micronaut.build(args).mainClass(Switchboard.class).banner(false).start();
        TerminationSignals.install(context);
    }

    /**
     * Makes {@code new SecureRandom()} a DRBG of its own instead of the NativePRNG, whose every
     * instance reads {@code /dev/urandom} under one process-wide lock. The JDK's WebSocket client
     * draws a masking key from such an instance for every frame it sends: a stream call sends its
     * model 50 frames a second, and a thousand calls would queue on that one lock (the load client,
     * a thousand callers in one JVM, measurably did). Must run before anything touches the security
     * providers; {@code -Djava.security.egd=…} on the command line still wins.
     */
    private static void unsharedSecureRandoms() {
        if (System.getProperty("java.security.egd") == null) System.setProperty("java.security.egd", "file:/dev/./urandom");
    }
}
