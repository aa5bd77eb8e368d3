/** Values every feature shares: identifiers, phone numbers, money, paging, the port failure. */
package dev.switchboard.domain.shared;
