package dev.switchboard.domain.studio;

import java.util.Map;

/**
 * A tool as Vapi runs it. Ours become function tools answered by our webhook; ending the call
 * and transferring to a human use Vapi's own {@code endCall} and {@code transferCall} tools, so
 * Vapi does the hang-up and the transfer itself.
 */
public sealed interface HostedTool {
    /** A tool Vapi asks our webhook to run ({@code tool-calls}). */
    record Function(String name, String description, Map<String, Object> parameters) implements HostedTool {
        public Function {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** Vapi's built-in hang-up. */
    record EndCall() implements HostedTool {}

    /** Vapi's built-in transfer to a phone number (E.164). */
    record TransferCall(String number) implements HostedTool {}
}
