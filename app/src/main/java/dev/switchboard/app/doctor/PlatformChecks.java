package dev.switchboard.app.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;

/**
 * What every tenant shares: the database answers and holds every migration of this build
 * (Flyway's own view), and our clock agrees with Twilio's ({@code Date} header of its API).
 */
final class PlatformChecks {
    private static final Duration SKEW_WARN = Duration.ofSeconds(30);
    private static final Duration SKEW_FAIL = Duration.ofMinutes(5);
    private final DataSource dataSource;
    private final String twilioApiUrl;
    private final Clock clock;
    private final HttpClient http;

    PlatformChecks(DataSource dataSource, String twilioApiUrl, Clock clock, HttpClient http) {
        this.dataSource = dataSource;
        this.twilioApiUrl = twilioApiUrl.replaceAll("/+$", "");
        this.clock = clock;
        this.http = http;
    }

    List<Finding> run() {
        var findings = new ArrayList<Finding>();
        findings.add(database());
        findings.add(migrations());
        findings.add(clockSkew());
        return findings;
    }

    private Finding database() {
        try (var connection = dataSource.getConnection()) {
            if (connection.isValid(2)) return Finding.ok("database", "reachable (" + connection.getMetaData().getDatabaseProductName()
                    + " " + connection.getMetaData().getDatabaseProductVersion() + ")");
            return Finding.fail("database", "a pooled connection did not answer within 2 s", "check DATABASE_URL and that PostgreSQL runs");
        } catch (SQLException e) {
            return Finding.fail("database", "unreachable: " + e.getMessage(), "check DATABASE_URL and that PostgreSQL runs");
        }
    }

    private Finding migrations() {
        try {
            var info = Flyway.configure().dataSource(dataSource).outOfOrder(true).load().info();
            var all = Arrays.asList(info.all());
            var failed = all.stream().filter(m -> m.getState().isFailed()).toList();
            if (!failed.isEmpty()) return Finding.fail("database.migrations", "failed migration " + failed.get(0).getVersion()
                    + " (" + failed.get(0).getDescription() + ")", "repair the database by hand, then restart (docs/operations)");
            var pending = info.pending().length;
            if (pending > 0) return Finding.fail("database.migrations", pending + " migrations of this build are not applied",
                    "restart the server: migrations run at start-up");
            var future = all.stream().filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS).count();
            var current = info.current() == null ? "none" : info.current().getVersion().toString();
            if (future > 0) return Finding.warn("database.migrations", "at version " + current + ", newer than this build ("
                    + future + " unknown migrations)", "run the newest Switchboard against this database");
            return Finding.ok("database.migrations", "current (version " + current + ")");
        } catch (RuntimeException e) {
            return Finding.fail("database.migrations", "could not be read: " + e.getMessage(), "check DATABASE_URL");
        }
    }

    private Finding clockSkew() {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(twilioApiUrl + "/2010-04-01/Accounts.json"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            var date = response.headers().firstValue("Date");
            if (date.isEmpty()) return Finding.skipped("clock", twilioApiUrl + " sent no Date header");
            var theirs = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            var skew = Duration.between(theirs, clock.instant()).abs();
            var detail = "ours differs from Twilio's by " + skew.toSeconds() + " s";
            if (skew.compareTo(SKEW_FAIL) > 0) return Finding.fail("clock", detail, "synchronise the clock (NTP): tokens and schedules depend on it");
            if (skew.compareTo(SKEW_WARN) > 0) return Finding.warn("clock", detail, "synchronise the clock (NTP)");
            return Finding.ok("clock", detail);
        } catch (IOException | RuntimeException e) {
            return Finding.skipped("clock", "Twilio's API (" + twilioApiUrl + ") could not be asked for its time: " + PublicUrlCheck.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.skipped("clock", "interrupted");
        }
    }
}
