package org.shakenpki.stir;

/**
 * The outcome of one verification (RFC 8224 section 6.2, ATIS-1000074): the verstat, and when it did not pass
 * the {@link Failure} with its SIP response code and a human-readable reason. What is known of the PASSporT
 * ({@code attest}, {@code origid}, the SPC of the signing certificate, {@code x5u}) is filled in as far as the
 * verification got; a field is null when unknown.
 */
public record VerificationResult(Verstat verstat, Failure failure, String reason, String attest, String origid,
                                 String spc, String x5u) {

    static VerificationResult passed(String attest, String origid, String spc, String x5u) {
        return new VerificationResult(Verstat.TN_VALIDATION_PASSED, null, "the PASSporT verified", attest, origid, spc, x5u);
    }

    static VerificationResult failed(Failure failure, String reason, String attest, String origid, String spc, String x5u) {
        return new VerificationResult(failure.verstat(), failure, reason, attest, origid, spc, x5u);
    }

    public boolean passed() {
        return verstat == Verstat.TN_VALIDATION_PASSED;
    }
}
