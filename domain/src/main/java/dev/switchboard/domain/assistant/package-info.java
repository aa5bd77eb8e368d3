/** Assistants: the agents a tenant configures in the Studio, and their settings. */
package dev.switchboard.domain.assistant;
