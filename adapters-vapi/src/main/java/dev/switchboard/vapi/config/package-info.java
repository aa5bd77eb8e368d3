/** Configuration of the Vapi adapter. */
package dev.switchboard.vapi.config;
