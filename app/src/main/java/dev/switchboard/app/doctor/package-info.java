/**
 * The doctor: what the field reports fix by hand, checked by the platform itself — public URL over
 * https and wss, numbers pointing at us, provider credentials, Vapi drift, database and
 * migrations, clock — each with its result and its fix. One {@link dev.switchboard.app.doctor.Doctor}
 * serves {@code GET /api/v1/diagnostics} and, through it, {@code ./switchboard doctor}.
 */
package dev.switchboard.app.doctor;
