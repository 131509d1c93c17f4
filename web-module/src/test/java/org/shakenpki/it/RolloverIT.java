package org.shakenpki.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.JSONStringUtils;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.pkix.Pem;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;
import static org.shakenpki.it.StiPaClient.check;

/**
 * Key rollover on a real Payara Micro with its SoftHSM2 tokens, over HTTPS: the STI-PA rolls its SPC-token signer
 * and its CRL signer (stage: published before it signs; activate: it signs, the old one stays published), the
 * STI-CA rolls its intermediate. What the old keys signed keeps verifying: an SPC token signed before the roll
 * passes tkauth-01 after it, the CRL of the old CRL signer verifies at the STI-VS until a revocation supersedes it,
 * a leaf of the old intermediate verifies at the STI-VS and can still be revoked; the next token names the new
 * signer and new leaves chain to the new intermediate. Outsiders cannot roll anything.
 */
@ExtendWith(ArquillianExtension.class)
class RolloverIT {
    private static final String HTTPS = AcmeFlows.HTTPS;
    private static final String FROM = "12155550171";
    private static final String TO = "12155550181";
    private static final String FORBIDDEN = "urn:shaken-pki:problem:forbidden";
    private static final String UNAUTHENTICATED = "urn:shaken-pki:problem:unauthenticated";
    private static final String CONFLICT = "urn:shaken-pki:problem:conflict";

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(RolloverIT.class);
    }

    private static URI base() {
        return URI.create(HTTPS + "/");
    }

    @Test
    @RunAsClient
    void theStiPaAndTheStiCaRollTheirKeysAndWhatTheOldKeysSignedKeepsVerifying() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String access = pa.newAccountWithUser("rollover", false, "7101");
        trustTheLocalStiCa(pa);
        X509Certificate stiPaRoot = Pem.certificates(check(Http.get(download("sti-pa-root.crt")), 200).body()).get(0);

        // an SPC token signed before the roll
        AcmeFlows.Started a = AcmeFlows.start("7101");
        String tokenA = spcToken(pa, access, a);
        URI oldSigner = x5u(tokenA);

        // stage: the next token signer is published before it signs
        Map<String, Object> staged = StiPaClient.json(check(pa.admin("POST", "api/v1/admin/keys/token-signer/stage", null), 201));
        assertEquals("NEXT", staged.get("state"), staged.toString());
        URI nextSigner = URI.create((String) staged.get("url"));
        List<X509Certificate> published = Pem.certificates(check(Http.get(nextSigner), 200).body());
        published.get(0).verify(stiPaRoot.getPublicKey());
        assertEquals(stiPaRoot, published.get(1));
        assertEquals(oldSigner, x5u(spcToken(pa, access, AcmeFlows.start("7101"))), "a staged key signs nothing yet");
        assertProblem(pa.admin("POST", "api/v1/admin/keys/token-signer/stage", null), 409, CONFLICT);

        // activate: the next token names the new signer; the old token still verifies at the STI-CA
        assertEquals("CURRENT", StiPaClient.json(check(pa.admin("POST", "api/v1/admin/keys/token-signer/activate", null), 200)).get("state"));
        AcmeFlows.Started b = AcmeFlows.start("7101");
        String tokenB = spcToken(pa, access, b);
        assertEquals(nextSigner, x5u(tokenB));
        assertNotEquals(oldSigner, nextSigner);
        check(Http.get(oldSigner), 200);
        validates(a, tokenA);
        validates(b, tokenB);

        // a leaf of the intermediate in use, and a PASSporT it signs, verified with the CRL of the current CRL signer
        KeyPair keyA = TestStiPa.p256();
        List<X509Certificate> chainA = finalize(a, keyA);
        String x5uA = a.order().getJSON().get("x5u").asString();
        assertEquals("TN-Validation-Passed", verify(passport(keyA, x5uA)).get("verstat"));

        // the CRL signer: staged and activated; the published CRL, still the old signer's, verifies until superseded
        List<X509Certificate> crlSignersBefore = crlSigners();
        X509Certificate oldCrlSigner = crlSignersBefore.get(0);
        Map<String, Object> stagedCrl = StiPaClient.json(check(pa.admin("POST", "api/v1/admin/keys/crl-signer/stage", null), 201));
        List<X509Certificate> during = crlSigners();
        assertEquals(List.of(oldCrlSigner.getSerialNumber().toString(16), stagedCrl.get("serialNumber")),
                List.of(during.get(0).getSerialNumber().toString(16), during.get(1).getSerialNumber().toString(16)));
        assertEquals(stiPaRoot, during.get(2));
        check(pa.admin("POST", "api/v1/admin/keys/crl-signer/activate", null), 200);
        crl().verify(oldCrlSigner.getPublicKey());
        assertEquals(oldCrlSigner, crlSigners().get(0), "the signer of the CRL being published is served first");
        assertEquals("TN-Validation-Passed", verify(passport(keyA, x5uA)).get("verstat"), "the old CRL signer's CRL");

        // the STI-CA rolls its intermediate: new leaves chain to the new one, the old leaf's chain is still served
        Map<String, Object> hierarchy = StiPaClient.json(check(caAdmin("POST", "hierarchy/intermediate/roll", caToken()), 200));
        @SuppressWarnings("unchecked")
        Map<String, Object> intermediate = (Map<String, Object>) hierarchy.get("intermediate");
        assertNotEquals(chainA.get(1).getSerialNumber().toString(16), intermediate.get("serialNumber"));
        assertTrue(String.valueOf(hierarchy.get("retired")).contains(chainA.get(1).getSerialNumber().toString(16)), hierarchy.toString());
        KeyPair keyB = TestStiPa.p256();
        List<X509Certificate> chainB = finalize(b, keyB);
        assertEquals(intermediate.get("serialNumber"), chainB.get(1).getSerialNumber().toString(16));
        X509Certificate caRoot = Pem.certificates(check(Http.get(URI.create(HTTPS + "/sti-ca/root.pem")), 200).body()).get(0);
        chainB.get(1).verify(caRoot.getPublicKey());
        chainB.get(0).verify(chainB.get(1).getPublicKey());
        assertEquals(chainA, Pem.certificates(check(Http.get(URI.create(x5uA)), 200).body()), "the old leaf's STI-CR chain");
        String x5uB = b.order().getJSON().get("x5u").asString();
        assertEquals("TN-Validation-Passed", verify(passport(keyA, x5uA)).get("verstat"), "a leaf of the old intermediate");
        assertEquals("TN-Validation-Passed", verify(passport(keyB, x5uB)).get("verstat"), "a leaf of the new intermediate");

        // revoking the old intermediate's leaf supersedes the CRL: the new CRL signer's CRL lists it
        check(pa.admin("POST", "api/v1/revocations", "{\"certificate\":" + JSONStringUtils.toJSONString(Pem.encode(chainA))
                + ",\"reason\":\"keyCompromise\"}"), 200);
        X509Certificate newCrlSigner = crlSigners().get(0);
        assertEquals(stagedCrl.get("serialNumber"), newCrlSigner.getSerialNumber().toString(16));
        X509CRL superseding = crl();
        superseding.verify(newCrlSigner.getPublicKey());
        assertTrue(superseding.isRevoked(chainA.get(0)));
        Map<String, Object> revoked = verify(passport(keyA, x5uA));
        assertEquals("TN-Validation-Failed", revoked.get("verstat"), revoked.toString());
        assertEquals("certificate-revoked", revoked.get("failure"), revoked.toString());
        assertEquals("TN-Validation-Passed", verify(passport(keyB, x5uB)).get("verstat"), "the new CRL signer's CRL");
    }

    @Test
    @RunAsClient
    void outsidersCannotRollAnyKey() throws Exception {
        StiPaClient pa = new StiPaClient(base());
        String serviceProvider = pa.newAccountWithUser("rollover-outsider", false, "7102");
        for (String step : List.of("token-signer/stage", "token-signer/activate", "crl-signer/stage", "crl-signer/activate",
                "root/stage", "banana/activate")) {
            URI uri = base().resolve("api/v1/admin/keys/" + step);
            assertProblem(Http.send(HttpRequest.newBuilder(uri).header("Authorization", serviceProvider)
                    .POST(HttpRequest.BodyPublishers.noBody())), 403, FORBIDDEN);
            assertProblem(Http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())), 401, UNAUTHENTICATED);
        }
        assertProblem(Http.send(HttpRequest.newBuilder(base().resolve("api/v1/admin/keys")).header("Authorization", serviceProvider)
                .GET()), 403, FORBIDDEN);
        // the root is not rolled; an activation with nothing staged changes nothing
        assertEquals(400, pa.admin("POST", "api/v1/admin/keys/root/stage", null).statusCode());
        assertEquals(400, pa.admin("POST", "api/v1/admin/keys/banana/activate", null).statusCode());
        assertProblem(pa.admin("POST", "api/v1/admin/keys/crl-signer/activate", null), 409, CONFLICT);

        String before = check(caAdmin("GET", "hierarchy", caToken()), 200).body();
        assertProblem(caAdmin("POST", "hierarchy/intermediate/roll", null), 401, UNAUTHENTICATED);
        assertProblem(caAdmin("POST", "hierarchy/intermediate/roll", "Bearer " + UUID.randomUUID()), 401, UNAUTHENTICATED);
        assertProblem(caAdmin("POST", "hierarchy/intermediate/roll", StiPaClient.adminBasic()), 401, UNAUTHENTICATED);
        assertProblem(caAdmin("POST", "hierarchy/intermediate/roll", serviceProvider), 401, UNAUTHENTICATED);
        assertEquals(before, check(caAdmin("GET", "hierarchy", caToken()), 200).body(), "the hierarchy is unchanged");

        String openapi = check(Http.get(URI.create(HTTPS + "/openapi")), 200).body();
        for (String path : List.of("/api/v1/admin/keys/{purpose}/stage", "/api/v1/admin/keys/{purpose}/activate",
                "/sti-ca/admin/v1/hierarchy/intermediate/roll")) {
            assertTrue(openapi.contains(path), "OpenAPI describes " + path);
        }
    }

    private static void trustTheLocalStiCa(StiPaClient pa) throws Exception {
        String root = check(Http.get(URI.create(HTTPS + "/sti-ca/root.pem")), 200).body();
        int status = pa.admin("POST", "api/v1/admin/trust-anchors", "{\"certificate\":" + JSONStringUtils.toJSONString(root) + "}").statusCode();
        assertTrue(status == 201 || status == 409, "trust list: " + status);
    }

    private static String spcToken(StiPaClient pa, String access, AcmeFlows.Started started) throws Exception {
        HttpResponse<String> answer = check(pa.token(access, "rollover",
                StiPaClient.atc(started.tnAuthList().toBase64Url(), false, started.spkiFingerprint())), 200);
        return (String) StiPaClient.json(answer).get("token");
    }

    private static URI x5u(String jwt) throws Exception {
        return JWSObject.parse(jwt).getHeader().getX509CertURL();
    }

    private static void validates(AcmeFlows.Started started, String token) throws Exception {
        started.challenge().setAuthorityToken(token);
        started.challenge().trigger();
        assertEquals(Status.VALID, started.challenge().waitForCompletion(Duration.ofSeconds(10)),
                () -> started.challenge().getError().map(Problem::toString).orElse("no error"));
    }

    private static List<X509Certificate> finalize(AcmeFlows.Started started, KeyPair key) throws Exception {
        assertEquals(Status.READY, started.order().waitUntilReady(Duration.ofSeconds(10)));
        started.order().execute(TestCsr.of(key, started.tnAuthList(), false));
        assertEquals(Status.VALID, started.order().waitForCompletion(Duration.ofSeconds(10)));
        return started.order().getCertificate().getCertificateChain();
    }

    private static URI download(String name) {
        return base().resolve("download/v1/certificate/" + name);
    }

    private static List<X509Certificate> crlSigners() throws Exception {
        return Pem.certificates(check(Http.get(download("sti-pa-crl-signer.crt")), 200).body());
    }

    private static X509CRL crl() throws Exception {
        byte[] der = Http.sendBytes(HttpRequest.newBuilder(base().resolve("download/v1/crl")).GET()).body();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der));
    }

    private static String caToken() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir", "target/it-data"), "ca", "admin.token");
        return "Bearer " + Files.readString(file).strip();
    }

    private static HttpResponse<String> caAdmin(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("sti-ca/admin/v1/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    /** An Identity header value: a SHAKEN PASSporT (RFC 8588) signed with the leaf's key, x5u its STI-CR chain. */
    private static String passport(KeyPair key, String x5u) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("passport"))
                .customParam("ppt", "shaken").x509CertURL(URI.create(x5u)).build(),
                new Payload("{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"iat\":" + Instant.now().getEpochSecond()
                        + ",\"orig\":{\"tn\":\"" + FROM + "\"},\"origid\":\"" + UUID.randomUUID() + "\"}"));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jws.serialize() + ";info=<" + x5u + ">;alg=ES256;ppt=shaken";
    }

    private static Map<String, Object> verify(String identity) throws Exception {
        String body = "{\"verificationRequest\":{\"from\":{\"tn\":\"" + FROM + "\"},\"to\":{\"tn\":[\"" + TO + "\"]},"
                + "\"time\":" + Instant.now().getEpochSecond() + ",\"identity\":" + JSONStringUtils.toJSONString(identity) + "}}";
        HttpResponse<String> response = check(Http.post(base().resolve("stir/v1/verification"), "application/json", body), 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) Http.json(response).get("verificationResponse");
        return result;
    }
}
