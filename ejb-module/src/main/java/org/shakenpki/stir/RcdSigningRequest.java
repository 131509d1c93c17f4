package org.shakenpki.stir;

import java.util.List;

/**
 * What the STI-AS signs as a PASSporT of type {@code rcd} (RFC 9795 section 6): the call's numbers and issued-at,
 * as in the SHAKEN PASSporT it accompanies, and the Rich Call Data claims.
 *
 * @param dest destination numbers, canonical
 * @param iat  issued-at, seconds since the epoch
 * @param orig originating number, canonical
 * @param rcd  the claims
 */
record RcdSigningRequest(List<String> dest, long iat, String orig, RcdClaims rcd) {
    RcdSigningRequest {
        dest = List.copyOf(dest);
    }
}
