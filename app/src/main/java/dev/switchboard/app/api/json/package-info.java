/** Reading JSON request bodies field by field, collecting every field error. */
package dev.switchboard.app.api.json;
