package org.shakenpki.stir;

import java.util.List;

/**
 * The outcome of one verification (RFC 8224 section 6.2, ATIS-1000074): the verstat, and when it did not pass
 * the {@link Failure} with its SIP response code and a human-readable reason. What is known of the PASSporT
 * ({@code attest}, {@code origid}, the SPC of the signing certificate, {@code x5u}) is filled in as far as the
 * verification got; a field is null when unknown.
 *
 * <p>For a diverted call (RFC 8946, ATIS-1000085) the result is the overall one, with {@code attest},
 * {@code origid}, {@code spc} and {@code x5u} of the original SHAKEN PASSporT, and {@code identities} holds one
 * result per Identity header, in the order of the request, each with its {@code ppt}. Otherwise
 * {@code identities} is empty.
 *
 * @param ppt        the PASSporT type of a per-header result ({@code shaken}, {@code div}, {@code div-o}); null
 *                   when unknown and for the overall result
 * @param identities the per-header results of a diverted call, else empty
 * @param rcd        the Rich Call Data the call carried (RFC 9795), verified or not; null without any
 */
public record VerificationResult(Verstat verstat, Failure failure, String reason, String attest, String origid,
                                 String spc, String x5u, String ppt, List<VerificationResult> identities, RcdResult rcd) {

    public VerificationResult {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** A result without Rich Call Data. */
    public VerificationResult(Verstat verstat, Failure failure, String reason, String attest, String origid,
                              String spc, String x5u, String ppt, List<VerificationResult> identities) {
        this(verstat, failure, reason, attest, origid, spc, x5u, ppt, identities, null);
    }

    /** This result with the call's Rich Call Data. */
    VerificationResult withRcd(RcdResult verified) {
        return new VerificationResult(verstat, failure, reason, attest, origid, spc, x5u, ppt, identities, verified);
    }

    static VerificationResult passed(String attest, String origid, String spc, String x5u) {
        return new VerificationResult(Verstat.TN_VALIDATION_PASSED, null, "the PASSporT verified", attest, origid, spc, x5u,
                null, List.of());
    }

    static VerificationResult failed(Failure failure, String reason, String attest, String origid, String spc, String x5u) {
        return new VerificationResult(failure.verstat(), failure, reason, attest, origid, spc, x5u, null, List.of());
    }

    /** This result as that of an Identity header of type {@code ppt}. */
    VerificationResult ofType(String type) {
        return new VerificationResult(verstat, failure, reason, attest, origid, spc, x5u, type, identities, rcd);
    }

    /** This result failed with {@code failure} for {@code why}, what is known of the PASSporT kept. */
    VerificationResult refused(Failure why, String detail) {
        return new VerificationResult(why.verstat(), why, detail, attest, origid, spc, x5u, ppt, identities, rcd);
    }

    /** This result as the overall one of a diverted call with its per-header results. */
    VerificationResult overall(String detail, List<VerificationResult> perHeader) {
        return new VerificationResult(verstat, failure, detail, attest, origid, spc, x5u, null, perHeader, rcd);
    }

    public boolean passed() {
        return verstat == Verstat.TN_VALIDATION_PASSED;
    }
}
