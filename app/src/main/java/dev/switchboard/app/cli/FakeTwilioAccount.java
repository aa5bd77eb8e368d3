package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.twilio.AnsweringCustomer;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioApiRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code switchboard fake-twilio} runs: the testkit's fake Twilio REST API on a port, holding
 * one account ({@code accountSid}, {@code authToken}) with {@code numbers}, whose placed calls are
 * answered by a customer saying {@code customerLines} and whose texts are delivered, every request
 * and every step printed. Tests build it exactly as the command does.
 *
 * @param port 0 for any free port
 */
record FakeTwilioAccount(int port, String accountSid, String authToken, List<String> numbers, List<String> customerLines,
                         Duration replyTimeout) {
    FakeTwilioAccount {
        numbers = List.copyOf(numbers);
        customerLines = List.copyOf(customerLines);
    }

    /** Starts the fake with this account in it, printing to {@code out}; the caller closes it. */
    FakeTwilioRest open(PrintWriter out) {
        var twilio = FakeTwilioRest.start(port).addAccount(accountSid, authToken);
        var script = CallScript.builder();
        customerLines.forEach(script::say);
        twilio.watch((request, status) -> print(out, describe(request, status)));
        twilio.connect(new AnsweringCustomer(twilio, script.hangUp().build(), replyTimeout, line -> print(out, "  " + line)));
        var held = new ArrayList<String>();
        for (var number : numbers) held.add(number + " (" + twilio.addNumber(accountSid, number) + ")");
        print(out, String.join("\n", banner(twilio.baseUrl(), held)));
        return twilio;
    }

    private List<String> banner(String url, List<String> held) {
        return List.of("Fake Twilio REST API on " + url,
                "  account SID  " + accountSid,
                "  auth token   " + authToken,
                "  numbers      " + String.join(", ", held),
                "Start Switchboard against it (another terminal):",
                "  SWITCHBOARD_TWILIO_API_URL=" + url + " TWILIO_ACCOUNT_SID=" + accountSid + " TWILIO_AUTH_TOKEN=" + authToken + " ./switchboard",
                "Calls placed here are answered by a customer who says: "
                        + String.join(" / ", customerLines.stream().map(l -> "\"" + l + "\"").toList()) + ", then hangs up;",
                "texts are delivered (status callbacks sent, delivered). Ctrl-C stops it.");
    }

    /** One request as a line: {@code POST /2010-04-01/Accounts/AC…/Calls.json -> 201  To=… From=… Url=…}. */
    static String describe(TwilioApiRequest request, int status) {
        var line = new StringBuilder(request.method()).append(' ').append(request.path());
        if (!request.query().isEmpty()) line.append('?').append(pairs(request.query(), "&"));
        line.append(" -> ").append(status);
        if (request.username() == null) line.append("  (no Basic auth)");
        if (!request.form().isEmpty()) line.append("  ").append(pairs(request.form(), " "));
        return line.toString();
    }

    private static String pairs(java.util.Map<String, List<String>> params, String separator) {
        var out = new ArrayList<String>();
        params.forEach((name, values) -> values.forEach(v -> out.add(name + "=" + v)));
        return String.join(separator, out);
    }

    private static void print(PrintWriter out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
