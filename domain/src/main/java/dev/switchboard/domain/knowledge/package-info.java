/** What the agent knows about a business: documents the tenant writes, searched by full text. */
package dev.switchboard.domain.knowledge;
