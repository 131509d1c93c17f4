/**
 * Limits on JSON from clients (RFC 8259 section 9 lets a parser limit nesting depth and number size): one
 * definition, applied before any parser (Parsson for JAX-RS bodies, Nimbus for JWS parts) sees the text.
 *
 * <p>May depend on: {@code problem}.
 */
package org.shakenpki.json;
