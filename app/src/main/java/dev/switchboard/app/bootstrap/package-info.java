/** Start-up: environment variables to configuration, generated development keys, the demo tenant. */
package dev.switchboard.app.bootstrap;
