package org.shakenpki.stir;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.TestPki;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.trust.TestPki.NOW;

/**
 * The STI-VS attacked through what a forger controls: the chain served at an x5u of their choosing and the
 * PASSporT itself. The STI-CA hierarchy and leaf are genuine (issued under a root on the trust list, as any
 * carrier's certificate is public at its STI-CR URL); the attacker has only their own keys. Before the trust
 * kernel, {@link #aSelfSignedCertificateInFrontOfAGenuineChainIsRefused} passed with attestation A for the
 * attacker's SPC: the verifier dropped the self-signed first certificate for path validation and then took the
 * key and SPC from it.
 */
class ForgedPassportTest {
    private static final String FROM = "12155550121";
    private static final String TO = "12155550131";
    private static final long IAT = NOW.getEpochSecond() - 10;

    private final TestPki.Issued root = TestPki.root("CN=Forgery Test STI-CA Root,C=US");
    private final TestPki.Issued intermediate = TestPki.issue(TestPki.caCert("CN=Forgery Test STI-CA Intermediate,C=US").ca(1), root);
    private final TestPki.Issued genuine = TestPki.issue(TestPki.leaf(), intermediate);
    private final ServedChains served = new ServedChains();
    private final PassportVerifier verifier = served.verifier(root);

    private String publish(String name, TestPki.Issued... chain) {
        return served.publish(name, chain);
    }

    private VerificationResult verify(String identity) {
        return verifier.verify(new VerificationRequest(FROM, List.of(TO), NOW, identity));
    }

    private static String sign(PrivateKey key, String x5u) throws Exception {
        return StirVectors.identity(key, x5u, IAT, FROM, TO);
    }

    private static void assertFailure(VerificationResult result, Failure failure, String reasonPart) {
        assertEquals(failure, result.failure(), result.reason());
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat());
        assertTrue(result.reason().contains(reasonPart), result.reason());
    }

    @Test
    void theGenuineChainPasses() throws Exception {
        VerificationResult result = verify(sign(genuine.key().getPrivate(), publish("genuine", genuine, intermediate)));
        assertTrue(result.passed(), result.reason());
        assertEquals("1234", result.spc());
    }

    @Test
    void aSelfSignedCertificateInFrontOfAGenuineChainIsRefused() throws Exception {
        TestPki.Issued forged = TestPki.selfSigned(TestPki.leaf().subject("CN=SHAKEN 9999").tnAuthList(TNAuthList.ofSpc("9999")));
        String x5u = publish("forged-first", forged, genuine, intermediate);
        VerificationResult result = verify(sign(forged.key().getPrivate(), x5u));
        assertFailure(result, Failure.UNSUPPORTED_CREDENTIAL, "STI-PA trust list");
        assertEquals(437, result.failure().sipCode());
    }

    @Test
    void theAttackersKeyWithAGenuineChainFailsTheSignature() throws Exception {
        TestPki.Issued attacker = TestPki.selfSigned(TestPki.leaf());
        String x5u = publish("key-substitution", genuine, intermediate);
        assertFailure(verify(sign(attacker.key().getPrivate(), x5u)), Failure.INVALID_IDENTITY_HEADER, "signature");
    }

    @Test
    void aPassportSignedByTheIntermediatesKeyIsRefused() throws Exception {
        String x5u = publish("ca-signs", intermediate);
        assertFailure(verify(sign(intermediate.key().getPrivate(), x5u)), Failure.UNSUPPORTED_CREDENTIAL, "CA certificate");
    }

    @Test
    void aDelegateOutsideItsScopeIsRefused() throws Exception {
        TestPki.Issued delegate = TestPki.issue(TestPki.caCert("CN=Delegate 1234").ca(0).tnAuthList(TNAuthList.ofSpc("1234")), intermediate);
        TestPki.Issued outside = TestPki.issue(TestPki.leaf().subject("CN=SHAKEN 9999").tnAuthList(TNAuthList.ofSpc("9999")), delegate);
        String x5u = publish("delegate-outside", outside, delegate, intermediate);
        assertFailure(verify(sign(outside.key().getPrivate(), x5u)), Failure.UNSUPPORTED_CREDENTIAL, "not within");
        TestPki.Issued inside = TestPki.issue(TestPki.leaf(), delegate);
        assertTrue(verify(sign(inside.key().getPrivate(), publish("delegate-inside", inside, delegate, intermediate))).passed());
    }

    @Test
    void hs256WithThePublicKeyAsSecretIsRefused() throws Exception {
        String x5u = publish("alg-confusion", genuine, intermediate);
        byte[] secret = MessageDigest.getInstance("SHA-256").digest(genuine.certificate().getPublicKey().getEncoded());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("passport"))
                .customParam("ppt", "shaken").x509CertURL(URI.create(x5u)).build(),
                new Payload(Map.of("attest", "A", "dest", Map.of("tn", List.of(TO)), "iat", IAT, "orig", Map.of("tn", FROM),
                        "origid", "3a47c3b1-0c1f-4b4e-9d55-5a8b1f3e2c10")));
        jws.sign(new MACSigner(secret));
        assertFailure(verify(jws.serialize() + ";info=<" + x5u + ">;alg=ES256;ppt=shaken"), Failure.UNSUPPORTED_CREDENTIAL, "alg");
    }

    @Test
    void anUnsecuredPassportIsRefused() throws Exception {
        String x5u = publish("alg-none", genuine, intermediate);
        String genuineIdentity = sign(genuine.key().getPrivate(), x5u);
        String payload = genuineIdentity.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"none\",\"ppt\":\"shaken\","
                + "\"typ\":\"passport\",\"x5u\":\"" + x5u + "\"}").getBytes(StandardCharsets.UTF_8));
        VerificationResult result = verify(header + "." + payload + ".;info=<" + x5u + ">;ppt=shaken");
        assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat(), result.reason());
        assertTrue(result.failure() == Failure.INVALID_IDENTITY_HEADER || result.failure() == Failure.UNSUPPORTED_CREDENTIAL,
                result.reason());
    }
}
