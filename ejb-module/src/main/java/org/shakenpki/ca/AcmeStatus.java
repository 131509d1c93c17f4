package org.shakenpki.ca;

import java.util.Locale;

/**
 * The status values of ACME objects (RFC 8555 section 7.1.6): accounts (valid, deactivated, revoked), orders
 * (pending, ready, processing, valid, invalid), authorizations (pending, valid, invalid, deactivated, expired,
 * revoked) and challenges (pending, processing, valid, invalid). Entities keep the wire form, the lower-case
 * name, in their {@code status} column.
 */
public enum AcmeStatus {
    PENDING, READY, PROCESSING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The value as written in JSON and stored. */
    public String wire() {
        return wire;
    }

    /** Whether a stored or received status is this one. */
    public boolean is(Object status) {
        return wire.equals(status);
    }
}
