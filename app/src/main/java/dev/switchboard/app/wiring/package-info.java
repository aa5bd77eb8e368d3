/** Factories that build the domain's use cases and tools from the adapters, plus engine settings. */
package dev.switchboard.app.wiring;
