package org.shakenpki.stir;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import org.shakenpki.pkix.Pem;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.UntrustedPath;
import org.shakenpki.trust.ValidatedPath;

import java.net.URI;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The STI-CAs a verifier trusts: the STI-PA's {@code caList} JWT (ATIS-1000080 section 5.3.1; STI-PA test plan
 * TC-019 "Obtain STI-PA public certificate; Verify caList signature"), payload
 * {@code {"version","sequence","exp","trustList":[PEM...]}}, signed ES256 by a certificate that its {@code x5u}
 * names (the first certificate at that URL) and that must chain to a configured STI-PA trust anchor as an
 * STI-PA signer ({@link PathValidator}, purpose TRUST_LIST_SIGNING: not the CRL signer, not a CA).
 *
 * @param anchors  the STI-CA roots on the list
 * @param sequence the list's sequence number
 * @param expires  when the list must be fetched again
 */
public record TrustList(Set<TrustAnchor> anchors, long sequence, Instant expires) {

    /**
     * Verifies a caList JWT.
     *
     * @param fetchX5u     fetches the PEM chain its x5u names (signer first)
     * @param stiPaAnchors the configured STI-PA roots
     * @throws IllegalArgumentException naming why the list is not acceptable
     */
    public static TrustList verify(String jwt, Function<URI, List<X509Certificate>> fetchX5u, Set<TrustAnchor> stiPaAnchors,
                                   Instant now) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(jwt);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the caList is not a JWS");
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new IllegalArgumentException("the caList is not signed with ES256");
        }
        URI x5u = jws.getHeader().getX509CertURL();
        if (x5u == null || !"https".equalsIgnoreCase(x5u.getScheme())) {
            throw new IllegalArgumentException("the caList has no https x5u");
        }
        ValidatedPath signer = validate(fetchX5u.apply(x5u), stiPaAnchors, now);
        try {
            if (!jws.verify(new ECDSAVerifier((ECPublicKey) signer.publicKey()))) {
                throw new IllegalArgumentException("the caList signature does not verify with its x5u certificate");
            }
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("the caList signature cannot be checked: " + e.getMessage());
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null || !(claims.get("exp") instanceof Number exp) || !(claims.get("trustList") instanceof List<?> list)) {
            throw new IllegalArgumentException("the caList payload lacks exp or trustList");
        }
        Instant expires = Instant.ofEpochSecond(exp.longValue());
        if (!expires.isAfter(now)) {
            throw new IllegalArgumentException("the caList expired at " + expires);
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (Object pem : list) {
            if (!(pem instanceof String text)) {
                throw new IllegalArgumentException("a trustList entry is not a PEM string");
            }
            Pem.certificates(text).forEach(c -> anchors.add(new TrustAnchor(c, null)));
        }
        long sequence = claims.get("sequence") instanceof Number n ? n.longValue() : -1;
        return new TrustList(Set.copyOf(anchors), sequence, expires);
    }

    private static ValidatedPath validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant now) {
        try {
            return PathValidator.validate(chain, anchors, now, PathPurpose.TRUST_LIST_SIGNING);
        } catch (UntrustedPath e) {
            throw new IllegalArgumentException("the caList signer does not validate to an STI-PA trust anchor as an STI-PA signer: " + e.getMessage());
        }
    }
}
