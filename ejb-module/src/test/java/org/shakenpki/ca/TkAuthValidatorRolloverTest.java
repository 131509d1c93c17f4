package org.shakenpki.ca;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.trust.TestPki;

import java.net.URI;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a verifier pins across the STI-PA's token-signer rollover (RFC 9448 section 6 check 5): the issuer and the
 * purpose, not the key. Tokens of the old and the new signer, both under the pinned root, pass an issuer pin; a
 * certificate pin of the old signer refuses the new one (why the issuer pin exists); a signer under another
 * trusted root, and the STI-PA's CRL signer under the pinned root, are refused.
 */
class TkAuthValidatorRolloverTest {
    private static final Clock NOW = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);
    private static final TNAuthList SPC = TNAuthList.ofSpc("1234");
    private static final KeyPair ACCOUNT = org.shakenpki.pkix.Vectors.p256();

    private final TestPki.Issued root = TestPki.root("CN=Test STI-PA Root,O=Test STI-PA,C=US");
    private final TestPki.Issued otherRoot = TestPki.root("CN=Other STI-PA Root,O=Other STI-PA,C=US");
    private final TestPki.Issued oldSigner = signer(root);
    private final TestPki.Issued newSigner = signer(root);
    private final TestPki.Issued outsider = signer(otherRoot);
    private final TestPki.Issued crlSigner = TestPki.issue(TestPki.leaf().subject("CN=STI-PA CRL,O=Test STI-PA,C=US")
            .tnAuthList(null).keyUsage(KeyUsage.cRLSign), root);

    private static TestPki.Issued signer(TestPki.Issued issuer) {
        return TestPki.issue(TestPki.leaf().subject("CN=SPC Token Signer,O=Test STI-PA,C=US").tnAuthList(null)
                .key(org.shakenpki.pkix.Vectors.p256()), issuer);
    }

    private TkAuthValidator validator(TkAuthValidator.SignerPolicy policy) {
        Map<URI, TestPki.Issued> served = Map.of(url(oldSigner), oldSigner, url(newSigner), newSigner,
                url(outsider), outsider, url(crlSigner), crlSigner);
        return new TkAuthValidator(NOW, () -> Set.of(new TrustAnchor(root.certificate(), null),
                new TrustAnchor(otherRoot.certificate(), null)),
                uri -> List.of(served.get(uri).certificate()), policy);
    }

    private static URI url(TestPki.Issued signer) {
        return URI.create("https://sti-pa.example.test/download/v1/certificate/certificateId_"
                + signer.certificate().getSerialNumber() + ".crt");
    }

    private static String token(TestPki.Issued signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).x509CertURL(url(signer)).build(),
                new JWTClaimsSet.Builder().expirationTime(Date.from(TestPki.NOW.plus(1, ChronoUnit.HOURS)))
                        .jwtID(UUID.randomUUID().toString())
                        .claim("atc", Map.of("tktype", "TNAuthList", "tkvalue", SPC.toBase64Url(), "ca", false,
                                "fingerprint", Fingerprints.format(Fingerprints.jwkThumbprint(ACCOUNT.getPublic()))))
                        .build());
        jwt.sign(new ECDSASigner((ECPrivateKey) signer.key().getPrivate()));
        return jwt.serialize();
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static ProblemException refused(TkAuthValidator validator, String token) {
        return assertThrows(ProblemException.class, () -> validator.validate(token, SPC, ACCOUNT.getPublic()));
    }

    @Test
    void anIssuerPinAcceptsTheOldAndTheNewSignerOfTheRolloverAlike() throws Exception {
        TkAuthValidator pinned = validator(new TkAuthValidator.SignerPolicy(List.of(), Set.of(), Set.of(sha256(root.certificate()))));
        String subject = oldSigner.certificate().getSubjectX500Principal().getName();
        assertEquals(subject, pinned.validate(token(oldSigner), SPC, ACCOUNT.getPublic()).signer());
        assertEquals(subject, pinned.validate(token(newSigner), SPC, ACCOUNT.getPublic()).signer());
    }

    @Test
    void aCertificatePinOfTheOldSignerRefusesTheNewOne() throws Exception {
        TkAuthValidator pinned = validator(new TkAuthValidator.SignerPolicy(List.of(), Set.of(sha256(oldSigner.certificate()))));
        pinned.validate(token(oldSigner), SPC, ACCOUNT.getPublic());
        ProblemException refusal = refused(pinned, token(newSigner));
        assertEquals(ProblemType.UNAUTHORIZED, refusal.type());
        assertEquals("the token's signer is not a pinned STI-PA token signer", refusal.getMessage());
    }

    @Test
    void aSignerUnderAnotherTrustedRootFailsTheIssuerPin() throws Exception {
        // without the pin it passes: the other root is a trust anchor too
        validator(TkAuthValidator.SignerPolicy.open()).validate(token(outsider), SPC, ACCOUNT.getPublic());
        TkAuthValidator pinned = validator(new TkAuthValidator.SignerPolicy(List.of(), Set.of(), Set.of(sha256(root.certificate()))));
        ProblemException refusal = refused(pinned, token(outsider));
        assertEquals(ProblemType.UNAUTHORIZED, refusal.type());
        assertEquals("the token's signer is not issued by a pinned STI-PA issuer", refusal.getMessage());
    }

    @Test
    void theCrlSignerUnderThePinnedRootIsStillNoTokenSigner() throws Exception {
        TkAuthValidator pinned = validator(new TkAuthValidator.SignerPolicy(List.of(), Set.of(), Set.of(sha256(root.certificate()))));
        ProblemException refusal = refused(pinned, token(crlSigner));
        assertEquals(ProblemType.UNAUTHORIZED, refusal.type());
        assertTrue(refusal.getMessage().contains("is not an STI-PA SPC-token signer"), refusal.getMessage());
    }
}
