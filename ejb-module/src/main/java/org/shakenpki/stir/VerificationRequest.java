package org.shakenpki.stir;

import java.time.Instant;
import java.util.List;

/**
 * What the STI-VS is asked to verify, in the ATIS-1000082 style: the calling and called numbers of the SIP
 * request (canonical, RFC 8224 section 8.3), the time the request was received (null: now), and the values of
 * the request's Identity header fields, in the order they appeared (empty: the call had none; blank values are
 * dropped). A SIP request may carry several (RFC 8224 section 4, RFC 8946).
 */
public record VerificationRequest(String fromTn, List<String> toTns, Instant time, List<String> identities) {
    public VerificationRequest {
        toTns = List.copyOf(toTns);
        identities = identities == null ? List.of()
                : identities.stream().filter(value -> value != null && !value.isBlank()).toList();
    }

    /** A request with at most one Identity header field (null or blank: none). */
    public VerificationRequest(String fromTn, List<String> toTns, Instant time, String identity) {
        this(fromTn, toTns, time, identity == null ? List.of() : List.of(identity));
    }
}
