/** Calls and what they leave behind: status, timeline of events, transcript, summary. */
package dev.switchboard.domain.call;
