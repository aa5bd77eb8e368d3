/** Claude through the Anthropic Messages API and the official {@code anthropic-java} SDK, streamed. */
package dev.switchboard.llm.anthropic;
