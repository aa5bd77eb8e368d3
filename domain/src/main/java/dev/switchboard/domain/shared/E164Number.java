package dev.switchboard.domain.shared;

import java.util.regex.Pattern;

/** A phone number in E.164 form: a plus, a country code, up to 15 digits in all. */
public record E164Number(String value) {
    private static final Pattern FORM = Pattern.compile("\\+[1-9]\\d{6,14}");

    public E164Number {
        if (value == null || !FORM.matcher(value).matches())
            throw new IllegalArgumentException("not an E.164 number: " + value);
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
