package org.shakenpki.stir;

import java.time.Instant;
import java.util.List;

/**
 * What the STI-VS is asked to verify, in the ATIS-1000082 style: the calling and called numbers of the SIP
 * request (canonical, RFC 8224 section 8.3), the time the request was received (null: now), and the Identity
 * header value (null or blank: the call had none).
 */
public record VerificationRequest(String fromTn, List<String> toTns, Instant time, String identity) {
    public VerificationRequest {
        toTns = List.copyOf(toTns);
    }
}
