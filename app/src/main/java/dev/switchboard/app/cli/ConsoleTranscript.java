package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallListener;
import dev.switchboard.testkit.caller.ConversationRelayNoun;
import dev.switchboard.testkit.caller.TwimlDocument;
import java.io.PrintWriter;

/** Prints the conversation as it happens: {@code caller: …}, then {@code agent: …} token by token. */
final class ConsoleTranscript implements CallListener {
    private final PrintWriter out;
    private final boolean echoCaller;

    /** @param echoCaller print the caller's lines (off in interactive mode, where the user typed them) */
    ConsoleTranscript(PrintWriter out, boolean echoCaller) {
        this.out = out;
        this.echoCaller = echoCaller;
    }

    @Override
    public void answered(TwimlDocument twiml) {
        twiml.conversationRelay().flatMap(ConversationRelayNoun::welcomeGreeting)
                .ifPresent(greeting -> println("agent: " + greeting + "   [welcome greeting]"));
    }

    @Override
    public void callerSaid(String text) {
        if (echoCaller) println("caller: " + text);
    }

    @Override
    public void callerPressed(String digits) {
        if (echoCaller) println("caller: [presses " + digits + "]");
    }

    @Override
    public void agentStarted() {
        out.print("agent: ");
        out.flush();
    }

    @Override
    public void agentToken(String token) {
        out.print(token);
        out.flush();
    }

    @Override
    public void agentTurnEnded(AgentTurn turn) {
        if (turn.timeToFirstToken().isEmpty()) {
            if (turn.ending() == AgentTurn.Ending.TIMED_OUT) println("agent: [no answer]");
            return;
        }
        var suffix = switch (turn.ending()) {
            case INTERRUPTED -> " [interrupted]";
            case TIMED_OUT -> " [no end of turn]";
            default -> "";
        };
        println(suffix + "   [first token after " + turn.timeToFirstToken().get().toMillis() + " ms]");
    }

    private void println(String line) {
        out.println(line);
        out.flush();
    }
}
