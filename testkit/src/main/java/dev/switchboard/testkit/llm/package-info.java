/**
 * Loopback fakes of the Anthropic Messages API and OpenAI Chat Completions that speak the real
 * HTTP + SSE wire formats (PROTOCOLS.md §11), answer from a per-test script and record what they
 * were sent, so adapters are tested through their official SDKs without the network.
 */
package dev.switchboard.testkit.llm;
