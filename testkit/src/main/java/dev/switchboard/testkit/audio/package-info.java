/** Telephone audio for tests (μ-law, tones, a speech-like signal), independent of the server's audio code. */
package dev.switchboard.testkit.audio;
