/** Configuration of the language-model adapters: endpoints, platform keys, timeouts, retries, fallback. */
package dev.switchboard.llm.config;
