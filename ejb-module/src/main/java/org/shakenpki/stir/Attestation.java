package org.shakenpki.stir;

/**
 * The SHAKEN attestation levels (RFC 8588 section 4, ATIS-1000074 section 5.2.3), strongest first: A (full: the
 * provider knows the customer and that the customer may use the number), B (partial: the customer, not the
 * number), C (gateway: only where the call entered the network). An STI-AS API key carries the strongest level
 * its holder may assert; asserting a weaker one is always allowed.
 */
public enum Attestation {
    A, B, C;

    /**
     * The level named by {@code value} ("A", "B" or "C", case as given).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Attestation of(String value) {
        if (value != null && value.length() == 1) {
            for (Attestation level : values()) {
                if (level.name().equals(value)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("not an attestation level: " + value);
    }

    /** Whether asserting this level stays within a grant whose strongest level is {@code maximum}. */
    public boolean within(Attestation maximum) {
        return ordinal() >= maximum.ordinal();
    }
}
