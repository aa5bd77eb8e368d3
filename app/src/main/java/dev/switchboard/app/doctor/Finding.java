package dev.switchboard.app.doctor;

import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Objects;

/**
 * One check's result, as the API and the CLI show it.
 *
 * @param check what was checked, e.g. {@code public-url.https}, {@code number +15005550006}
 * @param status {@code ok}, {@code warn} (works, but not as production should), {@code fail}
 *     (something is wrong: calls will not work), {@code skipped} (nothing to check), {@code fixed}
 *     (was wrong, repaired by {@code --fix})
 * @param detail what was found
 * @param fix what to do; null when nothing is to be done
 */
@Serdeable
@Schema(name = "Finding", requiredProperties = {"check", "status", "detail"})
public record Finding(@Schema(example = "number +15005550006") String check,
                      @Schema(type = "string", allowableValues = {"ok", "warn", "fail", "skipped", "fixed"}, example = "fail") String status,
                      @Schema(example = "Twilio sends this number's calls to https://old-tunnel.example.com/webhooks/twilio/voice") String detail,
                      @Schema(example = "POST /api/v1/diagnostics/repair, or ./switchboard doctor --fix") String fix) {
    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";
    public static final String SKIPPED = "skipped";
    public static final String FIXED = "fixed";

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static Finding ok(String check, String detail) {
        return new Finding(check, OK, detail, null);
    }

    static Finding warn(String check, String detail, String fix) {
        return new Finding(check, WARN, detail, fix);
    }

    static Finding fail(String check, String detail, String fix) {
        return new Finding(check, FAIL, detail, fix);
    }

    static Finding skipped(String check, String detail) {
        return new Finding(check, SKIPPED, detail, null);
    }

    /** The whole diagnosis: healthy when nothing failed (warnings allowed). */
    @Serdeable
    @Schema(name = "Diagnostics", requiredProperties = {"healthy", "findings"})
    public record Diagnosis(boolean healthy, List<Finding> findings) {
        public Diagnosis {
            findings = List.copyOf(findings);
        }

        public static Diagnosis of(List<Finding> findings) {
            return new Diagnosis(findings.stream().noneMatch(f -> FAIL.equals(f.status())), findings);
        }
    }
}
