/**
 * How the HTTP server treats its connections below Micronaut's routing: what the Netty pipeline
 * does that no controller sees.
 */
package dev.switchboard.app.http;
