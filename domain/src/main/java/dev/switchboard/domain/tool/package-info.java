/** Tools the agent calls during a call: one definition and one handler each, for every runtime. */
package dev.switchboard.domain.tool;
