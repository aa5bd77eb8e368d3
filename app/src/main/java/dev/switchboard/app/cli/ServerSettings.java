package dev.switchboard.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** How the command-line tools reach and sign for a running server: options first, then the environment, then the data directory. */
final class ServerSettings {
    private final Function<String, String> env;

    ServerSettings(Function<String, String> env) {
        this.env = env;
    }

    /** {@code explicit}, else TWILIO_AUTH_TOKEN, else the server's development token file; null if none. */
    String authToken(String explicit) throws IOException {
        if (explicit != null && !explicit.isBlank()) return explicit;
        var fromEnv = env.apply("TWILIO_AUTH_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
        var file = dataDirectory().resolve(SimulateCommand.TOKEN_FILE);
        return Files.isReadable(file) ? Files.readString(file).strip() : null;
    }

    /** {@code explicit}, else SWITCHBOARD_PUBLIC_URL, else where the server listens. */
    String publicUrl(String explicit, String url) {
        if (explicit != null) return explicit;
        var configured = env.apply("SWITCHBOARD_PUBLIC_URL");
        return configured == null || configured.isBlank() ? url : configured;
    }

    Path dataDirectory() {
        var configured = env.apply("SWITCHBOARD_DATA_DIR");
        return configured == null || configured.isBlank() ? Path.of(System.getProperty("user.home"), ".switchboard") : Path.of(configured);
    }
}
