package org.shakenpki.stir;

import java.util.Set;

/**
 * One Identity header of a diverted call after {@link PassportVerifier} checked it on its own (signature,
 * certificate chain, revocation, claims, freshness), with the claims {@link CustodyChain} links by. A claim is
 * null where the header could not be read that far.
 *
 * @param jws    the PASSporT's full form, compared with a later {@code div-o}'s {@code opt}
 * @param ppt    {@code shaken}, {@code div} or {@code div-o}; null when unread
 * @param orig   the canonical calling number
 * @param dest   the canonical destination numbers
 * @param div    the number a {@code div} PASSporT was diverted from; null for {@code shaken}
 * @param opt    the PASSporT a {@code div-o} PASSporT carries; else null
 * @param result the header's own result
 */
record CheckedPassport(String jws, String ppt, String orig, Set<String> dest, String div, String opt,
                       VerificationResult result) {

    static CheckedPassport unread(VerificationResult result) {
        return new CheckedPassport(null, result.ppt(), null, null, null, null, result);
    }

    CheckedPassport with(VerificationResult changed) {
        return new CheckedPassport(jws, ppt, orig, dest, div, opt, changed);
    }

    boolean isDiv() {
        return CustodyChain.isDiv(ppt);
    }

    boolean passed() {
        return result.passed();
    }
}
