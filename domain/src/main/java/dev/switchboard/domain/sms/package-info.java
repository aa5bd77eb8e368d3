/**
 * Text messages (SMS) a tenant sends and receives on its numbers: sending through the
 * {@link dev.switchboard.domain.telephony.Telephony} port, delivery reports that only move a
 * message forward, inbound messages stored for the number's tenant, and recipients' STOP / START.
 */
package dev.switchboard.domain.sms;
