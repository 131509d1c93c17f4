package org.shakenpki.pa;

import com.nimbusds.jose.util.Base64URL;
import org.shakenpki.pkix.Fingerprints;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payload of an SPC token in each {@link SpcTokenProfile}, from a request {@link SpcTokenRules} has checked.
 * Both carry {@code jti} (the STI-PA audit names tokens by it; RFC 7519 section 4.1.7 lets any JWT carry it)
 * and {@code iss} when configured.
 */
final class SpcTokenClaims {
    private SpcTokenClaims() {
    }

    /** RFC 9448 section 5.4: {@code exp}, {@code jti} and {@code atc} exactly as asked for. */
    static Map<String, Object> atc(Optional<String> issuer, String jti, Instant now, Duration lifetime, Map<String, Object> atc) {
        Map<String, Object> claims = new LinkedHashMap<>();
        issuer.ifPresent(iss -> claims.put("iss", iss));
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", jti);
        claims.put("atc", new LinkedHashMap<>(atc));
        return claims;
    }

    /**
     * ATIS-1000080's overview: {@code sub} = [spc], {@code iat} = {@code nbf} = now, {@code exp}, and
     * {@code fingerprint} = base64url of the digest the request's RFC 9448 fingerprint names. That digest is taken
     * to be the JWK thumbprint (RFC 8555 section 8.1, what RFC 9448 section 5.4 means by the account key's
     * fingerprint): the STI-PA never sees the key, so a client that asked with the SPKI digest gets a token no
     * STI-CA accepts for its account.
     */
    static Map<String, Object> seed(Optional<String> issuer, String jti, Instant now, Duration lifetime, String spc,
                                    String requestedFingerprint) {
        byte[] digest = Fingerprints.parse(requestedFingerprint)
                .orElseThrow(() -> new IllegalArgumentException("not an RFC 9448 fingerprint: " + requestedFingerprint));
        Map<String, Object> claims = new LinkedHashMap<>();
        issuer.ifPresent(iss -> claims.put("iss", iss));
        claims.put("sub", List.of(spc));
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", jti);
        claims.put("fingerprint", Base64URL.encode(digest).toString());
        return claims;
    }
}
