package org.shakenpki.web.console;

/**
 * The CRLReason names (RFC 5280 section 5.3.1) a console user picks from; the STI-PA checks them
 * ({@code pa.RevocationReasons}).
 */
final class Reasons {
    static final String[] NAMES = {"keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation",
            "privilegeWithdrawn", "cACompromise", "unspecified"};

    private Reasons() {
    }
}
