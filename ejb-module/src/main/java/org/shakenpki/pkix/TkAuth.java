package org.shakenpki.pkix;

/**
 * The names that the TNAuthList Authority Token profile registers for ACME: the identifier type (RFC 9448
 * section 3), the Authority Token type ({@code atc.tktype}, RFC 9448 section 5.4) and the challenge type
 * (RFC 9448 section 4, RFC 9447 section 3).
 */
public final class TkAuth {
    /** The ACME identifier type and the token type (RFC 9448 sections 3 and 5.4). */
    public static final String TNAUTHLIST = "TNAuthList";
    /** The ACME challenge type (RFC 9447 section 3). */
    public static final String CHALLENGE_TYPE = "tkauth-01";

    private TkAuth() {
    }
}
