package org.shakenpki.stir;

import java.util.List;

/**
 * What the STI-AS is asked to sign (ATIS-1000082 {@code signingRequest}), already checked and canonicalised.
 *
 * @param attest  'A', 'B' or 'C' (RFC 8588 section 4)
 * @param dest    destination numbers, canonical (RFC 8224 section 8.3)
 * @param iat     issued-at, seconds since the epoch
 * @param orig    originating number, canonical
 * @param origid  the origination identifier, a UUID (RFC 8588 section 5)
 * @param rcd     Rich Call Data claims to carry in the SHAKEN PASSporT (RFC 9795 section 8), or null
 */
public record SigningRequest(String attest, List<String> dest, long iat, String orig, String origid, RcdClaims rcd) {

    /** A SHAKEN PASSporT without Rich Call Data. */
    public SigningRequest(String attest, List<String> dest, long iat, String orig, String origid) {
        this(attest, dest, iat, orig, origid, null);
    }
}
