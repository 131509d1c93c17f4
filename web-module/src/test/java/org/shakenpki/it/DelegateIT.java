package org.shakenpki.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.JSONStringUtils;
import jakarta.ejb.EJB;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.pkix.HsmContentSigner;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.sks.SecureKeyStore;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.StiPaClient.check;

/**
 * Delegate certificates for telephone numbers (RFC 9060, ATIS-1000092) on the real server, HSM and HTTPS: the
 * SP-KMS obtains a delegate CA certificate from this server's STI-CA with a {@code ca:true} SPC token from this
 * server's STI-PA, issues end-entity certificates for a range under it through its admin API, publishes them in the
 * STI-CR and revokes them onto the STI-PA CRL; the STI-VS verifies PASSporTs signed with them. The refusals are
 * asserted by their exact answer.
 */
@ExtendWith(ArquillianExtension.class)
class DelegateIT {
    private static final String ACCOUNT = "local-sp";
    private static final String BASE = "https://localhost:" + System.getProperty("it.https.port") + "/";
    private static final String TO = "12155550131";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(DelegateIT.class, Http.class, TestTls.class, StiPaClient.class, LocalServiceProvider.class, Secsipidx.class,
                Secsipidx.Verifier.class);
    }

    @EJB
    SecureKeyStore keyStore;

    @EJB
    ChainRepository chains;

    private final StiPaClient pa = new StiPaClient(URI.create(BASE));

    /** The SP-KMS's STI-PA account (as KmsIT makes it) and a fresh SPC of it. */
    @BeforeEach
    void stiPaAccount() throws Exception {
        LocalServiceProvider.ensure(pa);
        // the STI-PA approves the local STI-CA (as KmsIT does), before any verification reads the trust list
        String root = check(Http.get(URI.create(BASE + "sti-ca/root.pem")), 200).body();
        int added = pa.admin("POST", "api/v1/admin/trust-anchors", "{\"certificate\":" + JSONStringUtils.toJSONString(root) + "}")
                .statusCode();
        assertTrue(added == 201 || added == 409, "trust-anchors answered " + added);
    }

    private String newSpc() throws Exception {
        String spc = "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
        check(pa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201);
        return spc;
    }

    private void delegatesAllowed(boolean allowed) throws Exception {
        check(pa.admin("PATCH", "api/v1/admin/accounts/" + ACCOUNT, "{\"caAllowed\":" + allowed + "}"), 200);
    }

    private static HttpResponse<String> kms(String path, String json) throws Exception {
        String token = Files.readString(Path.of(System.getProperty("it.data.dir"), "kms", "admin.token")).strip();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "kms/v1/delegates" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        return Http.send(json == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The enterprise's CSR: its own key, whatever subject it likes (the delegate CA sets the content). */
    private static String csr(KeyPair key) throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Example Enterprise PBX"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }

    private static String identity(KeyPair key, String x5u, String orig) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("passport"))
                .customParam("ppt", "shaken").x509CertURL(URI.create(x5u)).build(),
                new Payload(Map.of("attest", "A", "dest", Map.of("tn", List.of(TO)), "iat", Instant.now().getEpochSecond(),
                        "orig", Map.of("tn", orig), "origid", UUID.randomUUID().toString())));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jws.serialize() + ";info=<" + x5u + ">;alg=ES256;ppt=shaken";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> verify(String orig, String identity) throws Exception {
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + orig + "\"},\"to\":{\"tn\":[\"" + TO + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond() + ",\"identity\":" + JSONStringUtils.toJSONString(identity) + "}}";
        return (Map<String, Object>) Http.json(check(Http.post(URI.create(BASE + "stir/v1/verification"), "application/json", body), 200))
                .get("verificationResponse");
    }

    private static String openssl(X509Certificate certificate) throws Exception {
        Path pem = Files.createTempFile("delegate-ca", ".pem");
        Files.writeString(pem, Pem.encode(certificate));
        Process process = new ProcessBuilder("openssl", "x509", "-in", pem.toString(), "-noout", "-text")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void anAccountNotAllowedDelegateCertificatesGetsNoCaTokenAndNoKeyIsLeft() throws Exception {
        delegatesAllowed(false);
        String spc = newSpc();
        long keysBefore = keyStore.token("kms-delegate").aliases().size();
        var refused = kms("", "{\"spc\":\"" + spc + "\",\"ranges\":[{\"start\":\"12025550100\",\"count\":100}]}");
        assertEquals(403, refused.statusCode(), refused.body());
        String detail = String.valueOf(Http.json(refused).get("detail"));
        assertTrue(detail.contains("may not obtain delegate CA certificates (ca:true)"), detail);
        assertEquals(keysBefore, keyStore.token("kms-delegate").aliases().size(), "the refused attempt's key is destroyed");
        assertEquals(404, kms("/" + spc, null).statusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRangeDelegatedByTheSpKmsVerifiesWithinItsRangeOnlyAndIsRevokedOntoTheStiPaCrl() throws Exception {
        delegatesAllowed(true);
        String spc = newSpc();
        var created = check(kms("", "{\"spc\":\"" + spc + "\",\"ranges\":[{\"start\":\"12025550100\",\"count\":100}]}"), 201);
        Map<String, Object> ca = Http.json(created);
        List<X509Certificate> caChain = Pem.certificates((String) ca.get("certificateChain"));
        X509Certificate delegateCa = caChain.get(0);
        assertEquals(0, delegateCa.getBasicConstraints(), "cA with pathLenConstraint 0");
        assertTrue(delegateCa.getKeyUsage()[5] && !delegateCa.getKeyUsage()[6] && !delegateCa.getKeyUsage()[0], "keyCertSign only");
        String text = openssl(delegateCa);
        assertTrue(text.contains("CA:TRUE, pathlen:0"), text);
        assertTrue(text.contains("Certificate Sign") && !text.contains("CRL Sign"), text);
        assertTrue(text.contains("1.3.6.1.5.5.7.1.26"), text);
        assertTrue(text.contains("CRL Distribution Points") && text.contains("CRL Issuer"), text);
        assertTrue(((String) ca.get("keyAlias")).startsWith("delegate-" + spc + "-"));
        assertTrue(keyStore.token("kms-delegate").aliases().contains((String) ca.get("keyAlias")), "the key is on its own token");

        // an end-entity for half the range, from the enterprise's CSR
        KeyPair enterprise = p256();
        var issued = check(kms("/" + spc + "/certificates", "{\"csr\":\"" + csr(enterprise) + "\",\"holder\":\"Example Enterprise\","
                + "\"ranges\":[{\"start\":\"12025550100\",\"count\":50}]}"), 201);
        Map<String, Object> leafView = Http.json(issued);
        String x5u = (String) leafView.get("certificateUrl");
        List<X509Certificate> served = Pem.certificates(check(Http.get(URI.create(x5u)), 200).body());
        assertEquals(3, served.size(), "leaf, delegate CA, STI-CA intermediate");
        assertEquals(delegateCa, served.get(1));
        assertEquals(enterprise.getPublic(), served.get(0).getPublicKey());
        assertTrue(served.get(0).getSubjectX500Principal().getName().contains("O=Example Enterprise"));

        Map<String, Object> inside = verify("12025550120", identity(enterprise, x5u, "12025550120"));
        assertEquals("TN-Validation-Passed", inside.get("verstat"), String.valueOf(inside));
        assertEquals(spc, inside.get("spc"), "the SPC of the delegating provider");
        // an independent verifier (secsipidx, Kamailio's) accepts the three-certificate chain under the STI-CA root
        Path root = Files.createTempFile("sti-ca-root", ".pem");
        Files.writeString(root, check(Http.get(URI.create(BASE + "sti-ca/root.pem")), 200).body());
        try (Secsipidx.Verifier secsipidx = new Secsipidx.Verifier(root)) {
            assertTrue(secsipidx.verifies(identity(enterprise, x5u, "12025550120")), "secsipidx verifies the delegate PASSporT");
        }
        Map<String, Object> outside = verify("12025550170", identity(enterprise, x5u, "12025550170"));
        assertEquals("TN-Validation-Failed", outside.get("verstat"), String.valueOf(outside));
        assertEquals("unsupported-credential", outside.get("failure"));
        assertEquals(437, ((Number) outside.get("sipResponseCode")).intValue());
        assertTrue(String.valueOf(outside.get("reason")).contains("does not cover orig 12025550170"), String.valueOf(outside));

        // numbers the operator did not give this delegate CA are refused before anything is signed
        var beyond = kms("/" + spc + "/certificates", "{\"csr\":\"" + csr(p256()) + "\",\"holder\":\"Reseller\","
                + "\"ranges\":[{\"start\":\"12025550190\",\"count\":20}]}");
        assertEquals(403, beyond.statusCode(), beyond.body());
        assertTrue(String.valueOf(Http.json(beyond).get("detail")).contains("may not delegate"), beyond.body());
        var notACsr = kms("/" + spc + "/certificates", "{\"csr\":\"MAA\",\"holder\":\"Reseller\",\"numbers\":[\"12025550101\"]}");
        assertEquals(400, notACsr.statusCode(), notACsr.body());
        assertEquals("urn:ietf:params:acme:error:badCSR", Http.json(notACsr).get("type"));

        // revoked: recorded, reported as the SP-KMS's SP_API user, listed on the STI-PA CRL the STI-VS reads
        String serial = (String) leafView.get("serialNumber");
        Map<String, Object> revoked = Http.json(check(kms("/" + spc + "/certificates/" + serial + "/revoke",
                "{\"reason\":\"keyCompromise\"}"), 200));
        assertEquals("keyCompromise", revoked.get("revocationReason"));
        assertEquals("listed on the STI-PA CRL", revoked.get("stiPaReport"), String.valueOf(revoked));
        Map<String, Object> afterRevocation = verify("12025550120", identity(enterprise, x5u, "12025550120"));
        assertEquals("certificate-revoked", afterRevocation.get("failure"), String.valueOf(afterRevocation));

        Map<String, Object> detail = Http.json(check(kms("/" + spc, null), 200));
        assertEquals(1, ((List<Object>) detail.get("certificates")).size());
    }

    @Test
    void theOpenApiDescriptionListsTheDelegateEndpoints() throws Exception {
        String description = check(Http.send(HttpRequest.newBuilder(URI.create(BASE + "openapi"))
                .header("Accept", "application/json").GET()), 200).body();
        for (String path : List.of("\"/kms/v1/delegates\"", "\"/kms/v1/delegates/{spc}\"", "\"/kms/v1/delegates/{spc}/certificates\"",
                "\"/kms/v1/delegates/{spc}/certificates/{serial}/revoke\"")) {
            assertTrue(description.contains(path), path + " in " + description);
        }
    }

    /**
     * A certificate signed with the delegate CA's own HSM key but outside its scope (SPC 9999 under the delegate CA
     * of another SPC), as a compromised or careless subordinate CA might make: the STI-VS's path validation refuses it.
     */
    @Test
    void aHandMadeCertificateOutsideTheDelegateCasScopeIsRefusedByTheStiVs() throws Exception {
        delegatesAllowed(true);
        String spc = newSpc();
        Map<String, Object> ca = Http.json(check(kms("", "{\"spc\":\"" + spc + "\",\"numbers\":[\"12025550300\"]}"), 201));
        List<X509Certificate> caChain = Pem.certificates((String) ca.get("certificateChain"));
        X509Certificate delegateCa = caChain.get(0);
        KeyPair key = p256();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(delegateCa.getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(10))), new X500Name("CN=SHAKEN 9999,O=Outsider,C=US"), key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(delegateCa.getPublicKey()));
        builder.addExtension(Extension.cRLDistributionPoints, false, CRLDistPoint.getInstance(
                ASN1OctetString.getInstance(delegateCa.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets()));
        builder.addExtension(TNAuthList.OID, false, TNAuthList.ofSpc("9999").der());
        X509Certificate outsider = new JcaX509CertificateConverter().getCertificate(builder.build(
                new HsmContentSigner(keyStore.token("kms-delegate").signer((String) ca.get("keyAlias")))));
        String name = "hand-made-" + UUID.randomUUID();
        chains.store(name, Pem.encode(List.of(outsider, delegateCa, caChain.get(1))));
        Map<String, Object> result = verify("12025550300",
                identity(key, ChainRepository.url(BASE.substring(0, BASE.length() - 1), name), "12025550300"));
        assertEquals("TN-Validation-Failed", result.get("verstat"), String.valueOf(result));
        assertEquals("unsupported-credential", result.get("failure"));
        assertTrue(String.valueOf(result.get("reason")).contains("is not within its issuer's"), String.valueOf(result));
    }
}
