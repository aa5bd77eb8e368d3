package dev.switchboard.domain.outbound;

import dev.switchboard.domain.call.Call;

/**
 * A call claimed for dialing, with what was asked and how it went so far.
 *
 * @param state its state when claimed ({@link DialState#DIALING} means a previous holder's lease ran out mid-dial)
 * @param failedTries requests to Twilio for this call that got no answer
 * @param cancelRequested someone asked to cancel it
 */
public record PendingDial(Call call, DialOrder order, DialState state, int failedTries, boolean cancelRequested) {}
