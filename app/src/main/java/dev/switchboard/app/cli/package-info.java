/**
 * The command line beside the server: {@code ./switchboard simulate} places a call through the
 * testkit's virtual caller against a running server, speaking Twilio's protocols, and prints the
 * conversation with the agent's time to first token; {@code load} places many; {@code doctor}
 * checks a running server's setup; {@code fake-twilio} runs the testkit's fake Twilio REST API as a
 * process whose customers answer the platform's outbound calls and receive its texts.
 */
package dev.switchboard.app.cli;
