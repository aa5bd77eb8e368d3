/**
 * The offline demo model ({@code provider: offline}): a small rule-based brain, not a language
 * model, so a fresh install can hold a real booking conversation in French or English with no
 * API key. It re-reads the whole history at every request (it keeps no state between calls),
 * understands greetings, booking requests with day and time expressions, names, phone numbers,
 * questions, transfer and goodbye, and answers through the same tools a real model would use.
 */
package dev.switchboard.llm.offline;
