package org.shakenpki.stir;

/** The verification status a verifier adds to the call (RFC 8224 section 6.2.1 and ATIS-1000074 {@code verstat}). */
public enum Verstat {
    TN_VALIDATION_PASSED("TN-Validation-Passed"),
    TN_VALIDATION_FAILED("TN-Validation-Failed"),
    NO_TN_VALIDATION("No-TN-Validation");

    private final String value;

    Verstat(String value) {
        this.value = value;
    }

    /** The value as written in the {@code verstat} parameter. */
    public String value() {
        return value;
    }
}
