package org.shakenpki.ca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The CA-side validation of an Authority Token (SPC token) presented in a {@code tkauth-01} challenge
 * response: RFC 9448 section 6, checks 1 to 8 (check 9, {@code ca} against the CSR's basicConstraints, runs at
 * finalize, see {@link CsrCheck}).
 *
 * <ol>
 * <li>the {@code atc} claim is a JSON object with {@code tktype}, {@code tkvalue} and {@code fingerprint};</li>
 * <li>{@code x5u} is an https URL whose certificate chains to a configured STI-PA trust anchor;</li>
 * <li>or {@code x5c} holds such a chain;</li>
 * <li>the signature verifies with that certificate's key (ES256 only, the SHAKEN algorithm);</li>
 * <li>{@code tktype} is {@code TNAuthList};</li>
 * <li>{@code tkvalue} decodes to the same DER as the challenge's identifier;</li>
 * <li>{@code exp} has not passed, {@code nbf} (if any) has, {@code jti} is present;</li>
 * <li>{@code fingerprint} is the account key's, as JWK thumbprint or SHA-256 of the SPKI.</li>
 * </ol>
 *
 * Deployed variants accepted here are listed in docs/interop.md. Every failure is a {@link ProblemException}
 * whose type and detail become the challenge's {@code error}.
 */
public final class TkAuthValidator {
    private final Clock clock;
    private final Supplier<Set<TrustAnchor>> anchors;
    private final Function<URI, List<X509Certificate>> x5uFetcher;
    private final List<String> x5uPrefixes;

    /** The facts of a valid token that later steps need. */
    public record Result(boolean ca, String jti, Fingerprints.Form fingerprintForm, String signer) {
    }

    /**
     * @param clock      the time the token and the chain are checked at
     * @param anchors    the STI-PA trust anchors, read when a token is checked
     * @param x5uFetcher the certificates an https {@code x5u} names, signer first (throws ProblemException on failure)
     * @param x5uPrefixes the URL prefixes an {@code x5u} must start with; empty: any https URL
     */
    public TkAuthValidator(Clock clock, Supplier<Set<TrustAnchor>> anchors, Function<URI, List<X509Certificate>> x5uFetcher,
                           List<String> x5uPrefixes) {
        this.clock = clock;
        this.anchors = anchors;
        this.x5uFetcher = x5uFetcher;
        this.x5uPrefixes = List.copyOf(x5uPrefixes);
    }

    public Result validate(String token, TNAuthList identifier, PublicKey accountKey) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw incorrect("the token is not a signed JWT");
        }
        // check 1: atc is well formed (before any network access: a malformed token is refused cheaply)
        Map<String, Object> atc;
        try {
            atc = claims.getJSONObjectClaim("atc");
        } catch (ParseException e) {
            atc = null;
        }
        if (atc == null) {
            throw incorrect("the token has no atc object");
        }
        String tktype = text(atc, "tktype");
        String tkvalue = text(atc, "tkvalue");
        String fingerprint = text(atc, "fingerprint");
        Object caClaim = atc.get("ca");
        if (caClaim != null && !(caClaim instanceof Boolean)) {
            throw incorrect("atc.ca must be a boolean");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token must be signed with ES256");
        }
        // checks 2 and 3: the signer certificate chains to a configured STI-PA trust anchor
        List<X509Certificate> chain = signerChain(header);
        X509Certificate signer = chain.get(0);
        validateChain(chain);
        // check 4: signature
        try {
            if (!(signer.getPublicKey() instanceof ECPublicKey ec) || !jwt.verify(SignatureVerification.ecdsa(ec))) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token signature does not verify with the x5u certificate");
            }
        } catch (JOSEException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token signature does not verify with the x5u certificate");
        }
        // check 5: tktype; RFC 9447 section 4 writes "TnAuthList" in its example, so the case is not significant
        if (!"TNAuthList".equalsIgnoreCase(tktype)) {
            throw incorrect("atc.tktype must be TNAuthList");
        }
        // check 6: tkvalue, compared as DER
        TNAuthList value;
        try {
            value = TNAuthList.fromBase64(tkvalue);
        } catch (IllegalArgumentException e) {
            throw incorrect("atc.tkvalue is not a base64 TNAuthList");
        }
        if (!value.equals(identifier)) {
            throw incorrect("atc.tkvalue does not match the authorization's TNAuthList identifier");
        }
        // check 7: exp, nbf, jti
        Date now = Date.from(clock.instant());
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token has expired or has no exp");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token is not valid yet (nbf)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 200) {
            throw incorrect("the token must carry a jti of at most 200 characters");
        }
        // check 8: fingerprint of the account key, in either deployed form
        Fingerprints.Form form = Fingerprints.match(fingerprint, accountKey)
                .orElseThrow(() -> incorrect("atc.fingerprint does not match the account key"));
        return new Result(Boolean.TRUE.equals(caClaim), jti, form, signer.getSubjectX500Principal().getName());
    }

    private List<X509Certificate> signerChain(JWSHeader header) {
        if (header.getX509CertURL() != null) {
            URI x5u = header.getX509CertURL();
            if (!"https".equalsIgnoreCase(x5u.getScheme())) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u must be an https URL");
            }
            // the x5u is fetched before anything is verified: where the CA may be sent is configurable
            if (!x5uPrefixes.isEmpty() && x5uPrefixes.stream().noneMatch(prefix -> x5u.toString().startsWith(prefix))) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u is not at a configured STI-PA location");
            }
            List<X509Certificate> fetched = x5uFetcher.apply(x5u);
            if (fetched.isEmpty()) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u holds no certificate");
            }
            return fetched;
        }
        if (header.getX509CertChain() != null && !header.getX509CertChain().isEmpty()) {
            List<X509Certificate> chain = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (Base64 der : header.getX509CertChain()) {
                    chain.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der.decode())));
                }
            } catch (GeneralSecurityException e) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5c is not a certificate chain");
            }
            return chain;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "the token names no signer certificate (x5u or x5c)");
    }

    private void validateChain(List<X509Certificate> chain) {
        Set<TrustAnchor> trusted = anchors.get();
        if (trusted.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "no STI-PA trust anchor is configured");
        }
        Set<X509Certificate> anchorCertificates = trusted.stream().map(TrustAnchor::getTrustedCert).collect(Collectors.toSet());
        List<X509Certificate> path = new ArrayList<>(chain);
        // a chain that ends with the anchor itself is fine: the anchor is not part of the path
        path.removeIf(anchorCertificates::contains);
        if (path.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token is signed by a trust anchor, not a token signer");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(trusted);
            // the STI-PA CRL covers STI-CA certificates; the token signer is checked by chain and validity
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "the token's signer certificate does not chain to a trusted STI-PA root", e);
        }
    }

    private static String text(Map<String, Object> atc, String name) {
        Object value = atc.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw incorrect("atc." + name + " is missing or not a string");
        }
        return s;
    }

    private static ProblemException incorrect(String detail) {
        return new ProblemException(ProblemType.INCORRECT_RESPONSE, detail);
    }
}
