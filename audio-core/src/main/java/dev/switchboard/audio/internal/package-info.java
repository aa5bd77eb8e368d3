/**
 * Implementation of {@code dev.switchboard.audio}: one algorithm per class (filter design,
 * polyphase FIR, Goertzel bank, noise-floor tracking, ring buffers, base64). Not an API: these
 * types may change without notice; use the public types in {@code dev.switchboard.audio}.
 */
package dev.switchboard.audio.internal;
