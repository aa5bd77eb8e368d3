/**
 * The command line beside the server: {@code ./switchboard simulate} places a call through the
 * testkit's virtual caller against a running server, speaking Twilio's protocols, and prints the
 * conversation with the agent's time to first token.
 */
package dev.switchboard.app.cli;
