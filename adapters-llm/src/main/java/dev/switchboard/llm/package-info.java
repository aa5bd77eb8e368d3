/**
 * Language models behind the domain's {@link dev.switchboard.domain.conversation.LanguageModel}
 * port: a router picking the provider each assistant configured, the API keys to use, and the
 * provider adapters in sub-packages ({@code anthropic}, {@code openai}, {@code offline}).
 */
package dev.switchboard.llm;
