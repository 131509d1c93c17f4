package org.shakenpki.stir;

import java.time.Duration;
import java.util.Set;

/**
 * The verifier's local policy: the {@code iat} freshness window (RFC 8224 section 6.2 step 4, sixty seconds
 * recommended), the ports an x5u may name (ATIS-1000074: 443 and 8443), and whether the signing certificate
 * must meet the whole ATIS-1000080 profile rather than the checks verifiers apply.
 */
public record VerifierPolicy(Duration iatFreshness, Set<Integer> allowedPorts, boolean strictProfile) {
    public VerifierPolicy {
        allowedPorts = Set.copyOf(allowedPorts);
    }
}
