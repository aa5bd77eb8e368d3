/**
 * Calls the business asks us to place ({@code POST /api/v1/calls}): queued in the database
 * ({@link dev.switchboard.domain.outbound.DialQueue}), dialed through Twilio by
 * {@link dev.switchboard.domain.outbound.DialOutboundCalls} within the tenant's limits and calling
 * hours, tried again after busy / no-answer, and answered by the assistant with the call's context.
 */
package dev.switchboard.domain.outbound;
