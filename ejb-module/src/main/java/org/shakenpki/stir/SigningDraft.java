package org.shakenpki.stir;

import java.util.List;

/**
 * A signing request as the caller sent it (ATIS-1000082 {@code signingRequest}), its shape checked and its
 * numbers canonicalised by the web tier, before the STI-AS's policy ({@link SigningService}) has decided what of
 * it to sign.
 *
 * @param attest the attestation asked for (RFC 8588 section 4)
 * @param dest   destination numbers, canonical (RFC 8224 section 8.3)
 * @param orig   originating number, canonical
 * @param iat    the caller's issued-at (seconds since the epoch), or null: the STI-AS sets it
 * @param origid the caller's origination identifier, or null: the STI-AS makes one (RFC 8588 section 5)
 * @param spc    the SPC whose credential to sign with, or null: see {@link SigningService}
 * @param rcd    the Rich Call Data to sign (RFC 9795), or null
 */
public record SigningDraft(Attestation attest, List<String> dest, String orig, Long iat, String origid, String spc,
                           RcdDraft rcd) {
    public SigningDraft {
        dest = List.copyOf(dest);
    }

    /** A request without Rich Call Data. */
    public SigningDraft(Attestation attest, List<String> dest, String orig, Long iat, String origid, String spc) {
        this(attest, dest, orig, iat, origid, spc, null);
    }
}
