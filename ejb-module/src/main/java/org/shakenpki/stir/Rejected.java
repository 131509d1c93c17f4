package org.shakenpki.stir;

/**
 * A failed check inside {@link PassportVerifier}. It never leaves this package: the verifier turns it into a
 * {@link VerificationResult}, because a PASSporT that fails verification is a result, not an error.
 */
final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    Rejected(Failure failure, String detail) {
        super(detail, null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }
}
