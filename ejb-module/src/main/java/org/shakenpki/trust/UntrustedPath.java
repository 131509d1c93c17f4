package org.shakenpki.trust;

/**
 * A chain that does not validate, with the reason class a caller may map to its protocol's answer (a SIP
 * 437, an ACME {@code unauthorized}, a 403) and a detail for logs and problem documents.
 */
public final class UntrustedPath extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a chain was not trusted. */
    public enum Reason {
        /** No certificate, too many, duplicates, or no trust anchor configured. */
        MALFORMED_CHAIN,
        /** The first certificate is itself a trust anchor: anchors sign, they are not the target. */
        ANCHOR_AS_TARGET,
        /** RFC 5280 section 6 failed: signature, name chaining, validity, basic constraints, key usage of CAs. */
        NOT_TRUSTED,
        /** The end-entity cannot serve the purpose asked for (a CA certificate, the wrong key usage). */
        WRONG_PURPOSE,
        /** A certificate's TNAuthList is not within its issuer's (RFC 9060). */
        OUT_OF_SCOPE
    }

    private final Reason reason;

    public UntrustedPath(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public UntrustedPath(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
