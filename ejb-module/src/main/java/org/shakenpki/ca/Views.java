package org.shakenpki.ca;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Read-only views of the ACME objects (RFC 8555 section 7.1), what the web tier renders: ids, not URLs,
 * which the web tier builds from the request's base URL.
 */
public final class Views {
    private Views() {
    }

    /** An error of a challenge or order (RFC 8555 section 6.7). */
    public record Problem(String type, String detail) {
    }

    /** An account (RFC 8555 section 7.1.2). */
    public record Account(String id, String status, List<String> contact, boolean termsOfServiceAgreed) {
    }

    /**
     * An order (RFC 8555 section 7.1.3) with its one authorization and, once valid, its certificate and STI-CR URL;
     * its {@code profile} (draft-ietf-acme-profiles section 4) and {@code replaces} (RFC 9773 section 5), or null.
     */
    public record Order(String id, String status, OffsetDateTime expires, String identifier, OffsetDateTime notBefore,
                        OffsetDateTime notAfter, String authorizationId, String certificateId, String chainUrl,
                        Problem error, String profile, String replaces) {
    }

    /**
     * The renewal information of a certificate (RFC 9773 section 4.2) and how soon to ask again (section 4.3).
     *
     * @param explanationUrl the page that explains the window, or null
     */
    public record RenewalInfo(java.time.Instant start, java.time.Instant end, String explanationUrl,
                              java.time.Duration retryAfter) {
    }

    /** A tkauth-01 challenge (RFC 9448 section 4). */
    public record Challenge(String id, String authorizationId, String status, String token, OffsetDateTime validated,
                            Problem error) {
    }

    /** An authorization (RFC 8555 section 7.1.4) with its one challenge. */
    public record Authorization(String id, String status, OffsetDateTime expires, String identifier, Challenge challenge) {
    }

    /** A result that may be new (201) or existing (200). */
    public record Created<T>(T view, boolean created) {
    }
}
