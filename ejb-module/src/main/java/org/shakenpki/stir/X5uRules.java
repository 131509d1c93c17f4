package org.shakenpki.stir;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Which certificate URLs an STI-VS dereferences (ATIS-1000074 section 5.3.1 as quoted in reference section 1d:
 * "should not dereference any protocol other than https or a port other than 443 or 8443"): https only, a host,
 * an allowed port, no userinfo, query or fragment. Redirects are refused by the fetcher itself.
 */
final class X5uRules {
    private X5uRules() {
    }

    /**
     * The URL if it may be fetched.
     *
     * @throws Rejected 436 Bad Identity Info otherwise
     */
    static URI check(String x5u, Set<Integer> allowedPorts) {
        URI uri;
        try {
            uri = new URI(x5u);
        } catch (URISyntaxException e) {
            throw bad("x5u is not a URI");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw bad("x5u must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw bad("x5u must not carry userinfo");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad("x5u has no host");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        if (!allowedPorts.contains(port)) {
            throw bad("x5u port " + port + " is not allowed (allowed: " + allowedPorts + ")");
        }
        if (uri.getRawQuery() != null) {
            throw bad("x5u must not carry a query");
        }
        if (uri.getRawFragment() != null) {
            throw bad("x5u must not carry a fragment");
        }
        return uri;
    }

    private static Rejected bad(String detail) {
        return new Rejected(Failure.BAD_IDENTITY_INFO, detail);
    }
}
