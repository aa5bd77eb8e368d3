package dev.switchboard.testkit.caller;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio-shaped identifiers: a two-letter prefix and 32 lower-case hex digits. */
final class Sids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {}

    static String random(String prefix) {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static String idempotencyToken() {
        return random("").replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    }
}
