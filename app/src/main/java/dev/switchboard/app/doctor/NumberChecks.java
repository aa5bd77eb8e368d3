package dev.switchboard.app.doctor;

import dev.switchboard.domain.phone.CheckPhoneNumber;
import dev.switchboard.domain.phone.ConfigurePhoneNumber;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * Each number's configuration read back at Twilio (seed 000: "A CALL COMES IN" pointing
 * elsewhere), repaired on request with the same use case as {@code POST /phone-numbers/{id}/configure}.
 */
final class NumberChecks {
    private final PhoneNumberRepository numbers;
    private final CheckPhoneNumber check;
    private final ConfigurePhoneNumber configure;

    NumberChecks(PhoneNumberRepository numbers, CheckPhoneNumber check, ConfigurePhoneNumber configure) {
        this.numbers = numbers;
        this.check = check;
        this.configure = configure;
    }

    List<Finding> run(TenantId tenant, boolean repair) {
        var all = numbers.list(tenant);
        if (all.isEmpty()) return List.of(Finding.warn("numbers", "the tenant has no phone number: no call can reach an assistant",
                "import one with POST /api/v1/phone-numbers/import {\"number\": \"+1…\", \"assistantId\": \"…\"}"));
        var findings = new ArrayList<Finding>();
        for (var number : all) findings.add(one(number, repair));
        return findings;
    }

    private Finding one(PhoneNumber number, boolean repair) {
        var name = "number " + number.number().value();
        var status = check.check(number);
        if (!status.proven()) return Finding.warn(name, status.note(), number.assistantId() == null ? "attach an assistant" : null);
        if (status.configured() == null) return Finding.fail(name, status.note(), "check Twilio's credentials (see credentials.twilio)");
        if (status.configured()) {
            if (number.assistantId() == null) return Finding.warn(name, "points at us, but no assistant answers it",
                    "PUT /api/v1/phone-numbers/" + number.id() + " with an assistantId");
            return Finding.ok(name, "Twilio sends its calls, status callbacks and texts to us");
        }
        var wrong = String.join("; ", status.mismatches());
        var fix = "./switchboard doctor --fix, or POST /api/v1/phone-numbers/" + number.id() + "/configure";
        if (!repair) return Finding.fail(name, wrong, fix);
        try {
            var result = configure.configure(number);
            if (result instanceof ConfigurePhoneNumber.Result.Configured configured && Boolean.TRUE.equals(configured.status().configured()))
                return new Finding(name, Finding.FIXED, "was: " + wrong + "; now points at us", null);
            return Finding.fail(name, wrong + "; the repair did not take: " + result, "repoint the number in Twilio's console");
        } catch (PortFailure e) {
            return Finding.fail(name, wrong + "; the repair failed: " + e.getMessage(), fix);
        }
    }
}
