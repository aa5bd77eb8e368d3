/** GPT models through OpenAI Chat Completions and the official {@code openai-java} SDK, streamed. */
package dev.switchboard.llm.openai;
