/** The tenant API under /api/v1: thin controllers, tenant-scoped, problem+json errors. */
package dev.switchboard.app.api;
