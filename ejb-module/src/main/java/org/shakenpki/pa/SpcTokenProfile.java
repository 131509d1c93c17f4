package org.shakenpki.pa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claim set of the SPC tokens the STI-PA issues ({@code shakenpki.pa.token-profile}). The request is the
 * same for both (RFC 9448 section 5.5: an {@code atc} object); only the issued token's claims differ.
 */
public enum SpcTokenProfile {
    /** RFC 9448 section 5.4: {@code exp}, {@code jti}, {@code atc} (the default, what deployed STI-CAs expect). */
    ATC,
    /**
     * ATIS-1000080's overview ("Service Provider Code Token (JWT)"): {@code sub} (a JSON array holding the one SPC),
     * {@code iat}, {@code nbf}, {@code exp}, {@code fingerprint} = base64url(JWK thumbprint of the account key).
     */
    SEED;

    /** The setting's values, in the order an error message lists them. */
    static final Map<String, SpcTokenProfile> NAMES = names();

    private static Map<String, SpcTokenProfile> names() {
        Map<String, SpcTokenProfile> names = new LinkedHashMap<>();
        names.put("atc", ATC);
        names.put("seed", SEED);
        return Collections.unmodifiableMap(names);
    }
}
