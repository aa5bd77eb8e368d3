/** Appointments the agent books, checks and cancels. */
package dev.switchboard.domain.appointment;
