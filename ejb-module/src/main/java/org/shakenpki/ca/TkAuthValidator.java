package org.shakenpki.ca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.shakenpki.pkix.TkAuth;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.UntrustedPath;
import org.shakenpki.trust.ValidatedPath;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The CA-side validation of an Authority Token (SPC token) presented in a {@code tkauth-01} challenge
 * response: RFC 9448 section 6, checks 1 to 8 (check 9, {@code ca} against the CSR's basicConstraints, runs at
 * finalize, see {@link CsrCheck}). The claims are checked first, on the unverified token, so that a token that
 * could never be accepted costs no network access: the CA fetches the {@code x5u} (a URL the token's sender
 * chose) only for tokens that would pass if genuine.
 *
 * <ol>
 * <li>the {@code atc} claim is a JSON object with {@code tktype}, {@code tkvalue} and {@code fingerprint};</li>
 * <li>{@code tktype} is {@code TNAuthList}; {@code tkvalue} decodes to the same DER as the challenge's identifier;</li>
 * <li>{@code exp} has not passed, {@code nbf} (if any) has, {@code jti} is present;</li>
 * <li>{@code fingerprint} is the account key's, as JWK thumbprint or SHA-256 of the SPKI;</li>
 * <li>{@code x5u} is an https URL (at a configured prefix), or {@code x5c} holds the chain; the first
 *     certificate is the signer and must validate to a configured STI-PA trust anchor as an SPC-token signer
 *     ({@link PathValidator}, purpose SPC_TOKEN_SIGNING: not a CA, not the CRL signer) and, where configured,
 *     be issued by one of the pinned issuers (a pin on issuer and purpose, which a key rollover of the STI-PA's
 *     token signer does not break) or be one of the pinned token-signer certificates (a pin on one key);</li>
 * <li>the signature verifies with that certificate's key (ES256 only, the SHAKEN algorithm).</li>
 * </ol>
 *
 * <p>When {@code shakenpki.ca.accept-seed-tokens} is on, a token without {@code atc} in the shape of
 * ATIS-1000080's overview ({@code sub}, {@code iat}, {@code nbf}, {@code exp}, {@code fingerprint}) is accepted
 * too: its claims are checked by {@link SeedTokenClaims} in place of checks 1 to 4, and checks 5 and 6 are the
 * same. Off, such a token is refused as having no {@code atc}.
 *
 * <p>Deployed variants accepted here are listed in docs/interop.md. Every failure is a {@link ProblemException}
 * whose type and detail become the challenge's {@code error}.
 */
public final class TkAuthValidator {
    private final Clock clock;
    private final Supplier<Set<TrustAnchor>> anchors;
    private final Function<URI, List<X509Certificate>> x5uFetcher;
    private final SignerPolicy signerPolicy;
    private final boolean acceptSeedTokens;

    /**
     * Where a token's signer may come from. What is pinned is the issuer and the purpose, not a key: a signer
     * passes an issuer pin when the certificate that issued it (the next in its validated path, or the trust
     * anchor) has a pinned fingerprint and it validates as an SPC-token signer, so the STI-PA can roll its token
     * signer over (a new key and certificate under the same root) without any verifier changing its settings. A
     * certificate pin names one signer key and must be extended with the next signer's fingerprint, published
     * before it signs, at every rollover.
     *
     * @param x5uPrefixes        the URL prefixes an {@code x5u} must start with; empty: any https URL
     * @param signerFingerprints SHA-256 fingerprints (lower-case hex) of the pinned token-signer certificates;
     *                           empty: no certificate pin
     * @param issuerFingerprints SHA-256 fingerprints (lower-case hex) of the certificates allowed to issue the
     *                           token signer; empty: no issuer pin (any SPC-token signer under the anchors)
     */
    public record SignerPolicy(List<String> x5uPrefixes, Set<String> signerFingerprints, Set<String> issuerFingerprints) {
        public SignerPolicy {
            x5uPrefixes = List.copyOf(x5uPrefixes);
            signerFingerprints = Set.copyOf(signerFingerprints);
            issuerFingerprints = Set.copyOf(issuerFingerprints);
        }

        /** Prefixes and certificate pins, no issuer pin. */
        public SignerPolicy(List<String> x5uPrefixes, Set<String> signerFingerprints) {
            this(x5uPrefixes, signerFingerprints, Set.of());
        }

        /** No prefix and no pin: any https x5u, any SPC-token signer under the anchors. */
        public static SignerPolicy open() {
            return new SignerPolicy(List.of(), Set.of(), Set.of());
        }
    }

    /** Which claim set a token carried. */
    public enum Shape {
        /** RFC 9448 section 5.4: the {@code atc} object. */
        ATC,
        /** ATIS-1000080's overview: {@code sub} array and base64url {@code fingerprint}. */
        SEED
    }

    /** The facts of a valid token that later steps need ({@code jti} null for a seed-shaped token without one). */
    public record Result(boolean ca, String jti, Fingerprints.Form fingerprintForm, String signer, Shape shape) {
    }

    /**
     * @param clock        the time the token and the chain are checked at
     * @param anchors      the STI-PA trust anchors, read when a token is checked
     * @param x5uFetcher   the certificates an https {@code x5u} names, signer first (throws ProblemException on failure)
     * @param signerPolicy where the signer may come from
     */
    public TkAuthValidator(Clock clock, Supplier<Set<TrustAnchor>> anchors, Function<URI, List<X509Certificate>> x5uFetcher,
                           SignerPolicy signerPolicy) {
        this(clock, anchors, x5uFetcher, signerPolicy, false);
    }

    /**
     * @param acceptSeedTokens whether a token in the ATIS-1000080 overview's shape is accepted as well
     *                         ({@code shakenpki.ca.accept-seed-tokens})
     */
    public TkAuthValidator(Clock clock, Supplier<Set<TrustAnchor>> anchors, Function<URI, List<X509Certificate>> x5uFetcher,
                           SignerPolicy signerPolicy, boolean acceptSeedTokens) {
        this.clock = clock;
        this.anchors = anchors;
        this.x5uFetcher = x5uFetcher;
        this.signerPolicy = signerPolicy;
        this.acceptSeedTokens = acceptSeedTokens;
    }

    public Result validate(String token, TNAuthList identifier, PublicKey accountKey) {
        SignedJWT jwt;
        Map<String, Object> payload;
        try {
            jwt = SignedJWT.parse(token.strip());
            payload = jwt.getPayload().toJSONObject();
        } catch (ParseException | RuntimeException e) {
            throw incorrect("the token is not a signed JWT");
        }
        if (payload == null) {
            throw incorrect("the token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token must be signed with ES256");
        }
        if (SeedTokenClaims.isSeedShaped(payload)) {
            if (!acceptSeedTokens) {
                throw incorrect("the token has no atc object; this STI-CA does not accept the ATIS-1000080 seed token shape");
            }
            String jti = SeedTokenClaims.check(payload, identifier, accountKey, clock.instant());
            // only now, for a token that would pass if genuine: the signer, its chain and the signature
            String signer = verifySignature(jwt);
            return new Result(false, jti, Fingerprints.Form.JWK_THUMBPRINT, signer, Shape.SEED);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw incorrect("the token's claims are not a JWT claims set");
        }
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
        // RFC 9447 section 4 writes "TnAuthList" in its example, so the case is not significant
        if (!TkAuth.TNAUTHLIST.equalsIgnoreCase(tktype)) {
            throw incorrect("atc.tktype must be TNAuthList");
        }
        TNAuthList value;
        try {
            value = TNAuthList.fromBase64(tkvalue);
        } catch (IllegalArgumentException e) {
            throw incorrect("atc.tkvalue is not a base64 TNAuthList");
        }
        if (!value.equals(identifier)) {
            throw incorrect("atc.tkvalue does not match the authorization's TNAuthList identifier");
        }
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
        Fingerprints.Form form = Fingerprints.match(fingerprint, accountKey)
                .orElseThrow(() -> incorrect("atc.fingerprint does not match the account key"));
        // only now, for a token that would pass if genuine: the signer, its chain and the signature
        String signer = verifySignature(jwt);
        return new Result(Boolean.TRUE.equals(caClaim), jti, form, signer, Shape.ATC);
    }

    /** Checks 5 and 6: the signer validates as an STI-PA SPC-token signer and its key verifies the token. */
    private String verifySignature(SignedJWT jwt) {
        ValidatedPath signer = validateSigner(signerChain(jwt.getHeader()));
        try {
            // the token signer's key in BouncyCastle's form, kept: one signer signs every SPC token of its STI-PA
            if (!(signer.publicKey() instanceof ECPublicKey ec)
                    || !jwt.verify(SignatureVerification.ecdsa(SignatureVerification.preparedByEncoding(ec)))) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token signature does not verify with the x5u certificate");
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token signature does not verify with the x5u certificate");
        }
        return signer.subject().getName();
    }

    private List<X509Certificate> signerChain(JWSHeader header) {
        if (header.getX509CertURL() != null) {
            URI x5u = header.getX509CertURL();
            if (!"https".equalsIgnoreCase(x5u.getScheme())) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's x5u must be an https URL");
            }
            List<String> prefixes = signerPolicy.x5uPrefixes();
            if (!prefixes.isEmpty() && prefixes.stream().noneMatch(prefix -> x5u.toString().startsWith(prefix))) {
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

    private ValidatedPath validateSigner(List<X509Certificate> chain) {
        Set<TrustAnchor> trusted = anchors.get();
        if (trusted.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "no STI-PA trust anchor is configured");
        }
        ValidatedPath path;
        try {
            // The STI-PA CRL covers STI-CA certificates; the token signer is checked by chain, validity and purpose.
            path = PathValidator.validate(chain, trusted, clock.instant(), PathPurpose.SPC_TOKEN_SIGNING);
        } catch (UntrustedPath e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "the token's signer is not an STI-PA SPC-token signer: " + e.getMessage(), e);
        }
        if (!signerPolicy.issuerFingerprints().isEmpty()) {
            X509Certificate issuer = path.path().size() > 1 ? path.path().get(1) : path.anchorCertificate();
            if (!signerPolicy.issuerFingerprints().contains(sha256(issuer))) {
                throw new ProblemException(ProblemType.UNAUTHORIZED,
                        "the token's signer is not issued by a pinned STI-PA issuer");
            }
        }
        if (!signerPolicy.signerFingerprints().isEmpty() && !signerPolicy.signerFingerprints().contains(sha256(path.endEntity()))) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the token's signer is not a pinned STI-PA token signer");
        }
        return path;
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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
