package org.shakenpki.problem;

/**
 * Every problem type the application reports, with the HTTP status it maps to.
 *
 * <p>The ACME types are those of RFC 8555 section 6.7 and of its extensions (URN namespace {@code urn:ietf:params:acme:error:},
 * registered in section 9.7.4); {@link #MALFORMED} also serves the non-ACME APIs for malformed requests, as
 * its meaning is the same. The remaining types are this project's own, for conditions that RFC 8555 does
 * not name (RFC 7807 section 3.1 lets an API define its own type URIs).
 */
public enum ProblemType {
    // RFC 8555 section 6.7
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400, "Account does not exist"),
    ALREADY_REVOKED("alreadyRevoked", 400, "Certificate already revoked"),
    BAD_CSR("badCSR", 400, "Bad CSR"),
    BAD_NONCE("badNonce", 400, "Bad nonce"),
    BAD_PUBLIC_KEY("badPublicKey", 400, "Bad public key"),
    BAD_REVOCATION_REASON("badRevocationReason", 400, "Bad revocation reason"),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400, "Bad signature algorithm"),
    COMPOUND("compound", 403, "Multiple problems"),
    CONNECTION("connection", 400, "Connection failed"),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400, "External account required"),
    INCORRECT_RESPONSE("incorrectResponse", 403, "Incorrect challenge response"),
    INVALID_CONTACT("invalidContact", 400, "Invalid contact"),
    MALFORMED("malformed", 400, "Malformed request"),
    ORDER_NOT_READY("orderNotReady", 403, "Order not ready"),
    RATE_LIMITED("rateLimited", 429, "Rate limited"),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400, "Rejected identifier"),
    SERVER_INTERNAL("serverInternal", 500, "Internal server error"),
    UNAUTHORIZED("unauthorized", 403, "Unauthorized"),
    UNSUPPORTED_CONTACT("unsupportedContact", 400, "Unsupported contact"),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400, "Unsupported identifier"),
    USER_ACTION_REQUIRED("userActionRequired", 403, "User action required"),
    // RFC 9773 section 7.4 (ACME Renewal Information) and draft-ietf-acme-profiles section 6.3
    ALREADY_REPLACED("alreadyReplaced", 409, "Certificate already replaced"),
    INVALID_PROFILE("invalidProfile", 400, "Invalid profile"),

    // This project's own types (HTTP-level conditions outside RFC 8555)
    UNAUTHENTICATED(null, 401, "Authentication required"),
    FORBIDDEN(null, 403, "Forbidden"),
    NOT_FOUND(null, 404, "Not found"),
    METHOD_NOT_ALLOWED(null, 405, "Method not allowed"),
    NOT_ACCEPTABLE(null, 406, "Not acceptable"),
    CONFLICT(null, 409, "Conflict"),
    PAYLOAD_TOO_LARGE(null, 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(null, 415, "Unsupported media type"),
    SERVICE_UNAVAILABLE(null, 503, "Service unavailable");

    private static final String ACME_PREFIX = "urn:ietf:params:acme:error:";
    private static final String OWN_PREFIX = "urn:shaken-pki:problem:";

    private final String uri;
    private final int status;
    private final String title;

    ProblemType(String acmeName, int status, String title) {
        this.uri = acmeName != null ? ACME_PREFIX + acmeName : OWN_PREFIX + kebab(name());
        this.status = status;
        this.title = title;
    }

    /** The {@code type} member of the problem document. */
    public String uri() {
        return uri;
    }

    /** The HTTP status the problem is sent with. */
    public int status() {
        return status;
    }

    /** A short, human-readable summary that does not change between occurrences (RFC 7807 section 3.1). */
    public String title() {
        return title;
    }

    /** Whether this is one of the RFC 8555 section 6.7 types. */
    public boolean isAcme() {
        return uri.startsWith(ACME_PREFIX);
    }

    private static String kebab(String constant) {
        return constant.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
