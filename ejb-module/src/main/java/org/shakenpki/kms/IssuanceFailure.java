package org.shakenpki.kms;

/**
 * Why an issuance attempt failed, in words an operator can act on: the step, and the peer's own explanation
 * (the problem document's detail from the STI-PA or STI-CA). Kept with the credential; never swallowed.
 */
public class IssuanceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public IssuanceFailure(String message) {
        super(message);
    }

    public IssuanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
