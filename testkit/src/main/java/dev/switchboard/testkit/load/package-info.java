/**
 * The load client: many virtual calls against one running server, from a process of its own, so
 * that the server and the caller side are measured apart ({@code ./switchboard load}). It ramps
 * calls at a fixed rate, keeps each caller speaking on a fixed period, and reports the latencies
 * the caller experiences (webhook, handshake, first and last token), the calls lost, and, when
 * given the server's process ids, the server's CPU and memory per call.
 */
package dev.switchboard.testkit.load;
