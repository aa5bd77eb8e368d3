/** Sign-up, login, JWT issuing, the caller's tenant, password hashing and the secret vault. */
package dev.switchboard.app.security;
