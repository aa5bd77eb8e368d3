package dev.switchboard.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard fake-twilio}: the testkit's fake Twilio REST API as a process of its own, so
 * outbound calls, texts and number imports can be tried on a machine without a Twilio account
 * (docs/walkthrough-outbound.md). Runs until stopped.
 */
@Command(name = "fake-twilio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a fake of Twilio's REST API on loopback, for trying outbound calls and texts without Twilio.",
                "It holds one account (SID and auth token printed at start) with a few numbers, checks Basic auth and",
                "answers like Twilio. A call placed on it is answered: the call's Url is requested like Twilio (signed,",
                "Direction=outbound-api), a customer talks to the agent over ConversationRelay, then hangs up, and the",
                "status callbacks follow (initiated, ringing, in-progress, completed). A text gets its delivery reports",
                "(sent, delivered). Every request and step is printed."})
final class FakeTwilioCommand implements Callable<Integer> {
    static final String ACCOUNT_SID = "ACf00df00df00df00df00df00df00df00d";
    static final String AUTH_TOKEN = "fake-twilio-auth-token";
    static final List<String> NUMBERS = List.of("+14155550101", "+14155550102", "+14155550103");
    static final List<String> CUSTOMER_LINES = List.of("Is my order on its way?", "Thank you, goodbye.");

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "4010", description = "Loopback port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--account-sid", defaultValue = ACCOUNT_SID, description = "The account's SID (default: ${DEFAULT-VALUE}).")
    String accountSid;

    @Option(names = "--auth-token", defaultValue = AUTH_TOKEN, description = "The account's auth token (default: ${DEFAULT-VALUE}).")
    String authToken;

    @Option(names = "--number", paramLabel = "E164", description = "A number the account holds; repeat for several"
            + " (default: +14155550101, +14155550102, +14155550103).")
    List<String> numbers = new ArrayList<>();

    @Option(names = "--say", paramLabel = "TEXT", description = "What the customer says on each call, one line per turn; repeat"
            + " (default: \"Is my order on its way?\", \"Thank you, goodbye.\").")
    List<String> says = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long the customer waits for each answer of the agent (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        for (var number : numbers)
            if (!number.matches("\\+[1-9]\\d{6,14}")) {
                spec.commandLine().getErr().println("--number " + number + ": not an E.164 number (+ and digits)");
                return 2;
            }
        try (var ignored = account().open(out)) {
            new CountDownLatch(1).await();
        }
        return 0;
    }

    FakeTwilioAccount account() {
        return new FakeTwilioAccount(port, accountSid, authToken, numbers.isEmpty() ? NUMBERS : numbers,
                says.isEmpty() ? CUSTOMER_LINES : says, Duration.ofSeconds(timeoutSeconds));
    }
}
