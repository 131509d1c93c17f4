package org.shakenpki.stir;

import java.util.List;

/**
 * What the STI-AS is asked to sign for a diverted call (RFC 8946 section 3, ATIS-1000085), checked and
 * canonicalised: the claims of a {@code div} PASSporT, or of a {@code div-o} PASSporT when {@code opt} is given
 * (RFC 8946 section 8).
 *
 * @param dest the new destination numbers, canonical (RFC 8224 section 8.3)
 * @param div  the diverting number: the destination of the PASSporT this one follows
 * @param iat  issued-at, seconds since the epoch
 * @param orig the originating number, copied unchanged from the PASSporT this one follows
 * @param opt  the full form of the PASSporT this one follows, for {@code div-o}; null for {@code div}
 */
public record DivSigningRequest(List<String> dest, String div, long iat, String orig, String opt) {
    public DivSigningRequest {
        dest = List.copyOf(dest);
    }

    /** The PASSporT type: {@code div}, or {@code div-o} when the previous PASSporT is carried in {@code opt}. */
    public String ppt() {
        return opt == null ? "div" : "div-o";
    }
}
