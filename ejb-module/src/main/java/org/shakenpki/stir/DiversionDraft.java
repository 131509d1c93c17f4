package org.shakenpki.stir;

import java.util.List;

/**
 * A request to sign a diversion (RFC 8946, ATIS-1000085) as the caller sent it, its shape checked and its numbers
 * canonicalised by the web tier, before {@link SigningService} has decided what of it to sign.
 *
 * @param identities the Identity header values the call arrived with (a SHAKEN PASSporT and any earlier
 *                   {@code div} PASSporTs), in the order they appeared
 * @param div        the diverting number: the destination the call was diverted from
 * @param dest       the new destination numbers
 * @param withOpt    true for a {@code div-o} PASSporT carrying the previous PASSporT in {@code opt} (RFC 8946
 *                   section 8)
 * @param iat        the caller's issued-at (seconds since the epoch), or null: the STI-AS sets it
 * @param spc        the SPC whose credential to sign with, or null: see {@link SigningService}
 */
public record DiversionDraft(List<String> identities, String div, List<String> dest, boolean withOpt, Long iat, String spc) {
    public DiversionDraft {
        identities = List.copyOf(identities);
        dest = List.copyOf(dest);
    }
}
