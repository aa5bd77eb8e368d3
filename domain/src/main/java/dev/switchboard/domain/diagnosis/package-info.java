/**
 * Why a call failed: reads a call's timeline stage by stage — the checklists operators kept by
 * hand (is the number pointing at us, did the socket connect, is the model key good, did the
 * status callback come) — and names the first stage that is missing or failed, what it means
 * and what to do. Pure code over recorded events; the clock and thresholds are given.
 */
package dev.switchboard.domain.diagnosis;
