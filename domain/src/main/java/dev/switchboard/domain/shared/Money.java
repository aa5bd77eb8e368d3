package dev.switchboard.domain.shared;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in a currency (ISO 4217 code), e.g. what a call cost. */
public record Money(BigDecimal amount, String currency) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CURRENCY.matcher(currency).matches())
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
    }

    public static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }
}
