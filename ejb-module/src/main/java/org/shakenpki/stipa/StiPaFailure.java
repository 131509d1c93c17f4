package org.shakenpki.stipa;

import java.io.IOException;
import java.util.Optional;

/**
 * Why an STI-PA call failed. The message is this server's own text. {@link #peerDetail()} is the STI-PA's own
 * explanation of a refusal (the {@code detail} or {@code message} of its problem document, cleaned of control
 * characters and shortened): meant for this role's operator, for example the SP-KMS's record of a failed
 * issuance, never for a remote requester.
 */
public class StiPaFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The role's STI-PA settings are incomplete or its password file unreadable. */
        NOT_CONFIGURED,
        /** The STI-PA could not be reached or did not answer properly in time (see the cause's reason). */
        UNREACHABLE,
        /** The STI-PA refused the login. */
        LOGIN_REFUSED,
        /** The STI-PA refused the request. */
        REFUSED,
        /** The STI-PA answered something its API does not specify. */
        BAD_ANSWER
    }

    private final Kind kind;
    private final String peerDetail;

    StiPaFailure(Kind kind, String message, String peerDetail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.peerDetail = peerDetail;
    }

    public Kind kind() {
        return kind;
    }

    /** The STI-PA's own explanation, if it gave one. */
    public Optional<String> peerDetail() {
        return Optional.ofNullable(peerDetail);
    }

    /** The message followed by the STI-PA's explanation, for this role's operator. */
    public String forOperator() {
        return peerDetail == null ? getMessage() : getMessage() + ": " + peerDetail;
    }
}
