/** The Micronaut application: entry point that starts the server or the CLI. */
package dev.switchboard.app;
