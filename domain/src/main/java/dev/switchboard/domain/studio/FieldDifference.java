package dev.switchboard.domain.studio;

/**
 * One setting Vapi does not hold as we meant it. Secret fields never show their value: both
 * sides read {@code "(secret)"} or {@code "(missing)"}.
 */
public record FieldDifference(String field, String expected, String actual) {}
