package dev.switchboard.app.bootstrap;

import dev.switchboard.app.security.SecretResealer;
import dev.switchboard.persistence.embedded.DataDirectoryInUse;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.function.Function;

/**
 * {@code ./switchboard rotate-master-key}: seals every stored secret again with a new master key,
 * the server stopped. With the development key of the data directory, the new key is generated
 * (or taken from {@code SWITCHBOARD_NEW_MASTER_KEY}) and replaces it, the old one kept beside it
 * as {@code master-key.previous} until every secret is re-sealed, so an interruption loses
 * nothing: the next start finishes the job. With {@code SWITCHBOARD_MASTER_KEY} set, the new key
 * comes from {@code SWITCHBOARD_NEW_MASTER_KEY} and the operator puts it in place afterwards.
 */
public final class MasterKeyRotation {
    private MasterKeyRotation() {}

    public static int run(PrintWriter out, PrintWriter err) {
        return run(SwitchboardEnvironment::lookup, out, err);
    }

    static int run(Function<String, String> env, PrintWriter out, PrintWriter err) {
        var dataDir = DataDirectory.resolve(env.apply("SWITCHBOARD_DATA_DIR"));
        var configured = env.apply("SWITCHBOARD_MASTER_KEY");
        var newKey = env.apply("SWITCHBOARD_NEW_MASTER_KEY");
        boolean fromDataDir = configured == null || configured.isBlank();
        String oldKey;
        if (fromDataDir) {
            var stored = dataDir.existingKey(DataDirectory.MASTER_KEY);
            if (stored.isEmpty()) {
                err.println("No master key to rotate: SWITCHBOARD_MASTER_KEY is not set and " + dataDir.path().resolve(DataDirectory.MASTER_KEY)
                        + " does not exist.");
                return 2;
            }
            oldKey = stored.get();
            if (newKey == null || newKey.isBlank()) newKey = generated();
            // Old key first, then the new one: at every moment the files can open every row.
            if (dataDir.existingKey(DataDirectory.PREVIOUS_MASTER_KEY).isEmpty()) dataDir.replaceKey(DataDirectory.PREVIOUS_MASTER_KEY, oldKey);
            dataDir.replaceKey(DataDirectory.MASTER_KEY, newKey.strip());
        } else {
            if (newKey == null || newKey.isBlank()) {
                err.println("Set SWITCHBOARD_NEW_MASTER_KEY to the new key (openssl rand -base64 32); SWITCHBOARD_MASTER_KEY is the current one.");
                return 2;
            }
            oldKey = configured;
        }
        var overrides = new HashMap<String, Object>(new SwitchboardEnvironment(env).properties());
        overrides.put("switchboard.master-key", newKey.strip());
        overrides.put("switchboard.previous-master-key", oldKey.strip());
        // Always the kept database, even where the environment would pick a throw-away one.
        overrides.put("switchboard.embedded-postgres.ephemeral", false);
        SecretResealer.Report report;
        try (var context = ApplicationContext.builder().properties(overrides).start()) {
            // The re-sealing ran as the context started; this counts what is left.
            var first = context.getBean(SecretResealer.class).atStartup();
            var left = context.getBean(SecretResealer.class).reseal();
            report = new SecretResealer.Report(left.secrets(), first.resealed() + left.resealed(), left.unopenable());
        } catch (DataDirectoryInUse e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("Re-sealed " + report.resealed() + " of " + report.secrets() + " stored secrets with the new master key.");
        if (report.unopenable() > 0) {
            err.println(report.unopenable() + " secrets open with neither key (see the log); they were left as they were and "
                    + "their tenants must enter them again." + (fromDataDir ? " The old key stays in "
                    + dataDir.path().resolve(DataDirectory.PREVIOUS_MASTER_KEY) + "." : ""));
        } else if (fromDataDir) {
            dataDir.deleteKey(DataDirectory.PREVIOUS_MASTER_KEY);
        }
        if (!fromDataDir)
            out.println("Now set SWITCHBOARD_MASTER_KEY to the new key (SWITCHBOARD_NEW_MASTER_KEY's value) before starting the server; "
                    + "instances still running with the old key need SWITCHBOARD_PREVIOUS_MASTER_KEY set to it.");
        return report.unopenable() > 0 ? 1 : 0;
    }

    private static String generated() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
