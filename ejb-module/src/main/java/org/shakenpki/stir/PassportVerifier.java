package org.shakenpki.stir;

import org.shakenpki.metrics.Metrics;
import org.shakenpki.stipa.IndirectCrl;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.pkix.SignatureVerification;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.TnAuthScope;
import org.shakenpki.trust.UntrustedPath;
import org.shakenpki.trust.ValidatedPath;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verification of a SHAKEN PASSporT carried in a SIP Identity header (RFC 8224 section 6.2, RFC 8225, RFC 8588,
 * ATIS-1000074), in this order: the Identity header and its parameters; the full-form JWS and its header
 * ({@code alg} ES256, {@code typ} passport, {@code ppt} shaken, {@code x5u} equal to {@code info}); the claims
 * ({@code attest}, {@code origid}, {@code iat}, {@code orig}, {@code dest}); {@code iat} freshness against the
 * request time; orig and dest against the call's From and To; the x5u URL rules and the chain it names; the
 * chain to the STI-PA trust list ({@link PathValidator}: the first certificate served is the signer); the
 * signing certificate's SHAKEN profile; revocation on the STI-PA indirect
 * CRL; the ES256 signature; the JWT Claim Constraints of the path ({@link ClaimConstraints}). The first failing
 * check decides the result.
 *
 * <p>Rich Call Data (RFC 9795): {@code rcd}, {@code rcdi} and {@code crn} claims in a SHAKEN PASSporT, and
 * Identity headers of {@code ppt} {@code rcd}, which pass the same checks against the call. Once a PASSporT with
 * RCD has passed, its {@code rcdi} digests are checked against the linked content ({@link RcdIntegrity}, fetched
 * through {@link LinkedContent}); the outcome is the result's {@link RcdResult} and never changes its verstat
 * (docs/interop.md, "Rich Call Data").
 *
 * <p>Thread-safe: its inputs (clock, policy, sources) are given at construction. The chain checks that depend
 * only on the chain, the trust list and the time are kept in {@link ValidatedChains} and reused while those
 * are unchanged; the revocation lookup and the signature are checked on every call.
 */
public final class PassportVerifier {
    private final Clock clock;
    private final VerifierPolicy policy;
    private final CredentialSource credentials;
    private final StiPaSource stiPa;
    private final ValidatedChains validated;
    private final LinkedContent linked;

    /** A verifier that keeps its validated chains for itself. */
    public PassportVerifier(Clock clock, VerifierPolicy policy, CredentialSource credentials, StiPaSource stiPa) {
        this(clock, policy, credentials, stiPa, new ValidatedChains());
    }

    public PassportVerifier(Clock clock, VerifierPolicy policy, CredentialSource credentials, StiPaSource stiPa,
                            ValidatedChains validated) {
        this(clock, policy, credentials, stiPa, validated, LinkedContent.NONE);
    }

    /** A verifier that also fetches the content Rich Call Data links to, for its {@code rcdi} digests. */
    public PassportVerifier(Clock clock, VerifierPolicy policy, CredentialSource credentials, StiPaSource stiPa,
                            ValidatedChains validated, LinkedContent linked) {
        this.clock = clock;
        this.policy = policy;
        this.credentials = credentials;
        this.stiPa = stiPa;
        this.validated = validated;
        this.linked = linked;
    }

    /** What is known of the PASSporT so far, for the result. */
    private static final class Seen {
        String attest;
        String origid;
        String spc;
        String x5u;
        String ppt;
        String orig;
        Set<String> dest;
        String div;
        String opt;
        RichCallData rcd;
        Object rcdi;
        String crn;
        RcdResult rcdResult;
    }

    /**
     * Verifies the request's SHAKEN PASSporTs. RFC 8224 section 6.2: an Identity header field whose {@code ppt}
     * this verifier does not support is treated as if it were absent, and a request passes if one of the
     * remaining header fields verifies. With none left it is No-TN-Validation (428); where none verifies, the
     * result is the failure of the first.
     *
     * <p>A request with a {@code div} or {@code div-o} Identity header is a diverted call (RFC 8946,
     * ATIS-1000085): every header is verified on its own, then {@link CustodyChain} follows the chain of custody
     * and decides the overall result.
     *
     * <p>Identity headers of {@code ppt} {@code rcd} (RFC 9795 section 6) carry no attestation and decide no
     * verstat: once a SHAKEN PASSporT passed, the first of them that verifies against the call supplies the
     * result's RCD (unless the SHAKEN PASSporT carries RCD itself), and when none verifies the RCD is failed.
     */
    public VerificationResult verify(VerificationRequest request) {
        List<Object> parsed = new ArrayList<>(request.identities().size());
        boolean diverted = false;
        for (String identity : request.identities()) {
            try {
                IdentityHeader header = IdentityHeader.parse(identity);
                diverted |= CustodyChain.isDiv(header.ppt());
                parsed.add(header);
            } catch (Rejected rejected) {
                parsed.add(rejected);
            }
        }
        if (diverted) {
            return diverted(request, parsed);
        }
        VerificationResult first = null;
        List<IdentityHeader> rcdHeaders = new ArrayList<>();
        for (Object each : parsed) {
            if (each instanceof IdentityHeader header && "rcd".equals(header.ppt())) {
                rcdHeaders.add(header);
            }
        }
        for (Object each : parsed) {
            if (each instanceof Rejected rejected) {
                first = first != null ? first
                        : VerificationResult.failed(rejected.failure(), rejected.getMessage(), null, null, null, null);
                continue;
            }
            IdentityHeader header = (IdentityHeader) each;
            if (header.ppt() != null && !"shaken".equals(header.ppt())) {
                continue;
            }
            VerificationResult result = verify(request, header, true).result();
            if (result.passed()) {
                return result.rcd() != null || rcdHeaders.isEmpty() ? result : result.withRcd(separateRcd(request, rcdHeaders));
            }
            first = first != null ? first : result;
        }
        return first != null ? first : VerificationResult.failed(Failure.NO_IDENTITY,
                "the request carries no Identity header with a SHAKEN PASSporT", null, null, null, null);
    }

    /** The RCD of the first {@code ppt: rcd} header that verifies; else failed with the first one's reason. */
    private RcdResult separateRcd(VerificationRequest request, List<IdentityHeader> headers) {
        RcdResult failed = null;
        for (IdentityHeader header : headers) {
            VerificationResult result = verify(request, header, true).result();
            if (result.passed()) {
                return result.rcd();
            }
            failed = failed != null ? failed : RcdResult.failed("the rcd PASSporT did not verify: " + result.reason(), "rcd");
        }
        return failed;
    }

    private VerificationResult diverted(VerificationRequest request, List<Object> parsed) {
        List<CheckedPassport> checked = new ArrayList<>(parsed.size());
        for (Object each : parsed) {
            if (each instanceof Rejected rejected) {
                checked.add(CheckedPassport.unread(VerificationResult.failed(rejected.failure(), rejected.getMessage(),
                        null, null, null, null)));
                continue;
            }
            IdentityHeader header = (IdentityHeader) each;
            if (header.ppt() != null && !"shaken".equals(header.ppt()) && !CustodyChain.isDiv(header.ppt())) {
                checked.add(CheckedPassport.unread(new VerificationResult(Verstat.NO_TN_VALIDATION, null, "ppt "
                        + header.ppt() + " is not supported here and is ignored (RFC 8224 section 6.2)", null, null, null,
                        header.info(), header.ppt(), List.of())));
                continue;
            }
            checked.add(verify(request, header, false));
        }
        return CustodyChain.decide(request, checked);
    }

    /**
     * Verifies one header; {@code againstCall}: its orig and dest against the call's From and To (a SHAKEN
     * PASSporT of a call that was not diverted), else {@link CustodyChain} compares the numbers.
     */
    private CheckedPassport verify(VerificationRequest request, IdentityHeader header, boolean againstCall) {
        Seen seen = new Seen();
        seen.ppt = header.ppt() == null ? "shaken" : header.ppt();
        VerificationResult result;
        try {
            verify(request, header, seen, againstCall);
            result = VerificationResult.passed(seen.attest, seen.origid, seen.spc, seen.x5u).withRcd(seen.rcdResult);
        } catch (Rejected rejected) {
            result = VerificationResult.failed(rejected.failure(), rejected.getMessage(), seen.attest, seen.origid, seen.spc, seen.x5u);
        }
        if (againstCall) {
            return new CheckedPassport(header.jws(), seen.ppt, seen.orig, seen.dest, seen.div, seen.opt, result);
        }
        return new CheckedPassport(header.jws(), seen.ppt, seen.orig, seen.dest, seen.div, seen.opt, result.ofType(seen.ppt));
    }

    private void verify(VerificationRequest request, IdentityHeader header, Seen seen, boolean againstCall) {
        if (header.alg() != null && !"ES256".equals(header.alg())) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "alg " + header.alg() + " is not supported; SHAKEN uses ES256");
        }
        JWSObject jws = parseJws(header.jws());
        checkJoseHeader(jws.getHeader(), header.info(), seen.ppt);
        seen.x5u = header.info();
        long iat;
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        if ("shaken".equals(seen.ppt)) {
            PassportClaims claims = PassportClaims.of(payload);
            seen.attest = claims.attest();
            seen.origid = claims.origid();
            seen.orig = claims.orig();
            seen.dest = claims.dest();
            iat = claims.iat();
            readRcd(payload, seen, false);
        } else if ("rcd".equals(seen.ppt)) {
            if (payload == null) {
                throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT payload is not a JSON object");
            }
            seen.orig = PassportClaims.orig(payload);
            seen.dest = PassportClaims.dest(payload);
            iat = PassportClaims.iat(payload.get("iat"));
            readRcd(payload, seen, true);
        } else {
            DivClaims claims = DivClaims.of(jws.getPayload().toJSONObject(), "div-o".equals(seen.ppt));
            seen.orig = claims.orig();
            seen.dest = claims.dest();
            seen.div = claims.div();
            seen.opt = claims.opt();
            iat = claims.iat();
        }
        checkFreshness(iat, request.time() != null ? request.time() : clock.instant());
        if (againstCall) {
            checkNumbers(seen.orig, seen.dest, request);
        }

        URI x5u = X5uRules.check(header.info(), policy.allowedPorts());
        List<X509Certificate> chain;
        try {
            chain = credentials.chain(x5u);
        } catch (IOException e) {
            throw new Rejected(Failure.BAD_IDENTITY_INFO, "the certificate at x5u cannot be had: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new Rejected(Failure.BAD_IDENTITY_INFO, "x5u holds no certificate");
        }
        ValidatedChains.Verdict verdict = validated.find(x5u, chain, policy.strictProfile(), clock.instant());
        if (verdict == null || verdict.trustList() != currentTrustList()) {
            Metrics.chainValidation();
            verdict = checkChain(x5u, chain);
        }
        seen.spc = verdict.spc();
        checkNumberAuthority(verdict.path(), "div".equals(seen.ppt) ? seen.div : seen.orig, seen.ppt);
        checkRevocation(verdict.path(), verdict.crlIssuers());
        checkSignature(jws, verdict.signingKey());
        ClaimConstraints.check(verdict.path().path(), payload);
        if (seen.rcd != null) {
            seen.rcdResult = RcdIntegrity.verify(seen.rcd, seen.rcdi, seen.crn, seen.ppt, linked, policy.allowedPorts());
        }
    }

    /**
     * The RCD claims of a payload (RFC 9795 sections 5.1 to 5.3); {@code required}: a {@code ppt: rcd} PASSporT,
     * which must carry {@code rcd}.
     */
    private static void readRcd(Map<String, Object> payload, Seen seen, boolean required) {
        Object rcd = payload.get("rcd");
        if (rcd == null && required) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "a PASSporT of ppt rcd must carry the rcd claim (RFC 9795 section 6)");
        }
        Object crn = payload.get("crn");
        if (crn != null && !(crn instanceof String)) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "crn must be a string (RFC 9795 section 5.3)");
        }
        seen.crn = (String) crn;
        seen.rcdi = payload.get("rcdi");
        if (rcd != null) {
            seen.rcd = RichCallData.read(rcd);
        } else if (seen.crn != null || seen.rcdi != null) {
            seen.rcd = RichCallData.of(null, null, null, null, null);
        }
    }

    /**
     * The trust, profile and SPC checks of a chain not validated before (or no longer), kept when they pass. The
     * path is validated first, and everything after is read from its end-entity: the first certificate as
     * served, never a certificate further down that a forger put there.
     */
    private ValidatedChains.Verdict checkChain(URI x5u, List<X509Certificate> chain) {
        TrustList trustList;
        try {
            trustList = stiPa.trustList();
        } catch (IOException e) {
            throw new Rejected(Failure.VERIFIER_UNAVAILABLE, "the STI-PA trust list is unavailable: " + e.getMessage());
        }
        ValidatedPath path = checkTrust(chain, trustList);
        String spc = SigningCertificate.accountableSpc(path, SigningCertificate.spc(path.endEntity(), policy.strictProfile()));
        ECPublicKey signingKey;
        try {
            signingKey = SignatureVerification.prepared(path.publicKey());
        } catch (GeneralSecurityException e) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "the signing certificate's key cannot be used: " + e.getMessage());
        }
        ValidatedChains.Verdict verdict = ValidatedChains.Verdict.of(chain, trustList, policy.strictProfile(), spc, path,
                signingKey);
        validated.keep(x5u, verdict);
        return verdict;
    }

    /** The trust list for looking up a kept verdict; null when unavailable (the full checks then say why). */
    private TrustList currentTrustList() {
        try {
            return stiPa.trustList();
        } catch (IOException e) {
            return null;
        }
    }

    private static JWSObject parseJws(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT is not a JWS compact serialization");
        }
        if (parts[1].isEmpty()) {
            // RFC 8588 section 3: the compact form is not specified for SHAKEN; ATIS-1000074 requires the full form.
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT is in compact form; SHAKEN requires the full form");
        }
        try {
            return JWSObject.parse(compact);
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws a NullPointerException, not a ParseException, for a header that is the JSON text null
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT is not a valid JWS");
        }
    }

    private static void checkJoseHeader(JWSHeader header, String info, String ppt) {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "PASSporT alg " + header.getAlgorithm() + " is not supported; SHAKEN uses ES256");
        }
        if (header.getType() == null || !"passport".equals(header.getType().getType())) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "PASSporT typ must be passport");
        }
        if (!ppt.equals(header.getCustomParam("ppt"))) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "PASSporT ppt must be " + ppt);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "PASSporT crit " + header.getCriticalParams() + " is not understood");
        }
        URI x5u = header.getX509CertURL();
        if (x5u == null) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "PASSporT has no x5u");
        }
        if (!x5u.toString().equals(info)) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "PASSporT x5u differs from the Identity header's info");
        }
    }

    private void checkFreshness(long iat, Instant reference) {
        Duration age = Duration.between(Instant.ofEpochSecond(iat), reference);
        if (age.compareTo(policy.iatFreshness()) > 0) {
            throw new Rejected(Failure.STALE_DATE, "iat is " + age.toSeconds() + " s before the request time; at most "
                    + policy.iatFreshness().toSeconds() + " s are accepted");
        }
        if (age.negated().compareTo(policy.iatFreshness()) > 0) {
            throw new Rejected(Failure.STALE_DATE, "iat is " + age.negated().toSeconds() + " s after the request time");
        }
    }

    private static void checkNumbers(String orig, Set<String> dest, VerificationRequest request) {
        if (!orig.equals(request.fromTn())) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "orig " + orig + " does not match from " + request.fromTn());
        }
        for (String to : request.toTns()) {
            if (!dest.contains(to)) {
                throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "dest " + dest + " does not include to " + to);
            }
        }
    }

    /**
     * The signer must be authoritative for the number it signs for (RFC 8224 section 6.2, RFC 8226 section 9): for
     * a {@code shaken} or {@code rcd} PASSporT its {@code orig}, for a {@code div} PASSporT the diverting number in {@code div}
     * (RFC 8946 section 3). An SPC certificate covers any number; a delegate certificate (RFC 9060) only the
     * numbers and ranges of its TNAuthList. Checked per call, because a kept verdict is reused for other numbers.
     */
    private static void checkNumberAuthority(ValidatedPath path, String number, String ppt) {
        Optional<TNAuthList> list = path.tnAuthList();
        if (list.isPresent() && !TnAuthScope.authorizes(list.get(), number)) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "the signing certificate's TNAuthList " + list.get()
                    + " does not cover " + ("div".equals(ppt) ? "div " : "orig ") + number);
        }
    }

    private ValidatedPath checkTrust(List<X509Certificate> chain, TrustList trustList) {
        try {
            return PathValidator.validate(chain, trustList.anchors(), clock.instant(), PathPurpose.PASSPORT_SIGNING);
        } catch (UntrustedPath e) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL,
                    "the certificate chain does not validate to an STI-CA on the STI-PA trust list: " + e.getMessage());
        }
    }

    private void checkRevocation(ValidatedPath path, List<X500Name> named) {
        IndirectCrl crl;
        try {
            crl = stiPa.crl();
        } catch (IOException e) {
            throw new Rejected(Failure.VERIFIER_UNAVAILABLE, "the STI-PA CRL is unavailable: " + e.getMessage());
        }
        if (!named.contains(crl.issuer())) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "the certificate's cRLIssuer " + named
                    + " is not the STI-PA CRL issuer " + crl.issuer());
        }
        for (X509Certificate certificate : path.path()) {
            Optional<IndirectCrl.Entry> entry = crl.lookup(certificate);
            if (entry.isPresent()) {
                throw new Rejected(Failure.CERTIFICATE_REVOKED, "certificate " + certificate.getSerialNumber().toString(16)
                        + " of " + certificate.getIssuerX500Principal().getName() + " is revoked (" + entry.get().reason()
                        + ") since " + entry.get().revokedAt());
            }
        }
    }

    private static void checkSignature(JWSObject jws, ECPublicKey signingKey) {
        try {
            if (!jws.verify(SignatureVerification.ecdsa(signingKey))) {
                throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT signature does not verify with the x5u certificate");
            }
        } catch (JOSEException e) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the PASSporT signature cannot be checked: " + e.getMessage());
        }
    }
}
