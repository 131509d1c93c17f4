package org.shakenpki.kms;

/**
 * The per-CA choices of an issuance, where deployed STI-CAs differ (see docs/interop.md):
 *
 * @param acmeDirectory the STI-CA's ACME directory URL
 * @param fingerprint   how the SPC token's {@code atc.fingerprint} is computed from the ACME account key
 * @param responseKey   the member the tkauth-01 response carries the token in: {@code tkauth} (RFC 9448
 *                      section 4) or {@code atc} (Martini and PeeringHub STI-CAs)
 * @param profile       the ACME profile the orders ask for (draft-ietf-acme-profiles section 4), or null for the
 *                      STI-CA's default
 */
public record IssuanceOptions(String acmeDirectory, Fingerprint fingerprint, String responseKey, String profile) {

    /** Options without a profile: the STI-CA chooses. */
    public IssuanceOptions(String acmeDirectory, Fingerprint fingerprint, String responseKey) {
        this(acmeDirectory, fingerprint, responseKey, null);
    }

    /** RFC 8555 section 8.1 JWK thumbprint (RFC 9448 section 5.4), or SHA-256 of the SPKI as some CAs expect. */
    public enum Fingerprint { JWK_THUMBPRINT, SPKI_SHA256 }
}
