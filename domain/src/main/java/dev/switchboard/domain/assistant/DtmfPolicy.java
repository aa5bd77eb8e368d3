package dev.switchboard.domain.assistant;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Which keypad digits do what. Digits without an action are noted and otherwise ignored. */
public record DtmfPolicy(Map<Character, DtmfAction> actions) {
    private static final String DIGITS = "0123456789*#ABCD";

    public DtmfPolicy {
        for (var digit : actions.keySet())
            if (DIGITS.indexOf(digit) < 0) throw new IllegalArgumentException("dtmfPolicy: not a DTMF digit: " + digit);
        actions = Map.copyOf(new TreeMap<>(actions));
    }

    /** 0 = transfer to a human, 1 = repeat the last agent message, 9 = end the call. */
    public static DtmfPolicy standard() {
        return new DtmfPolicy(Map.of(
                '0', DtmfAction.TRANSFER_TO_HUMAN,
                '1', DtmfAction.REPEAT_LAST_MESSAGE,
                '9', DtmfAction.END_CALL));
    }

    public Optional<DtmfAction> actionFor(char digit) {
        return Optional.ofNullable(actions.get(digit));
    }
}
