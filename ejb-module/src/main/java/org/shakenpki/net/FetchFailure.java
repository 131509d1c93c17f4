package org.shakenpki.net;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * Why an outbound fetch failed: a {@link Reason} and a detail of this server's own words. Neither ever holds
 * what the remote server sent (its status line, headers or body): the fetched URL may be an attacker's, and the
 * detail travels on to whoever asked (a verification result, an ACME problem document, an operator's screen).
 * An unexpected HTTP status is {@link Reason#HTTP_STATUS}; its number is kept in {@link #httpStatus()} for code
 * that reacts to it (an expired STI-PA access token: 401) and logged at FINE, never put in the message.
 */
public class FetchFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** The classes of failure a caller may react to. */
    public enum Reason {
        /** Not an http(s) URL with a host. */
        BAD_URL,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The host resolves to a special-purpose address this server does not fetch from ({@link AddressPolicy}). */
        ADDRESS_REFUSED,
        /** The connection could not be made or broke off. */
        CONNECT_FAILED,
        /** The TLS handshake failed, for example an untrusted server certificate. */
        TLS_FAILED,
        /** The whole exchange (name lookup, connect, TLS, headers, body) did not finish within the deadline. */
        TIMEOUT,
        /** The body is larger than the caller's limit. */
        TOO_LARGE,
        /** The server answered with a redirect (3xx), which is never followed. */
        REDIRECT,
        /** The server answered with a status other than the one expected. */
        HTTP_STATUS,
        /** The body is not what the caller accepts (for certificate URLs: PEM certificates only). */
        BAD_CONTENT
    }

    private final Reason reason;
    private final int httpStatus;

    public FetchFailure(Reason reason, String detail) {
        this(reason, detail, -1, null);
    }

    public FetchFailure(Reason reason, String detail, Throwable cause) {
        this(reason, detail, -1, cause);
    }

    FetchFailure(Reason reason, String detail, int httpStatus, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of a {@link Reason#HTTP_STATUS} failure, for code; never shown. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The same failure with the stack of the caller that receives a shared (merged or cached) result. */
    FetchFailure copy() {
        return new FetchFailure(reason, getMessage(), httpStatus, this);
    }
}
