/** RFC 9457 problem+json answers for every error the server writes. */
package dev.switchboard.app.api.problem;
