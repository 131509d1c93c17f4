package org.shakenpki.cluster;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.it.Http;
import org.shakenpki.it.StiPaClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.shakenpki.cluster.OrderFlow.expect;

/**
 * The SP-KMS and STI-AS of the cluster as a case of {@link ClusterIT} uses them: a credential for an SPC of the
 * case's own, provisioned through the admin APIs the way the launcher's demo provisions its own (the STI-CA root on
 * the STI-PA trust list, the SP-KMS's STI-PA account and user, then the credential), so that no case needs another
 * to have run first. Every step is idempotent: a case may find what the demo or another case made.
 */
final class ClusterKms {
    /** The STI-PA account and user the SP-KMS is configured with (shakenpki.kms.sti-pa.account-id, user-id). */
    private static final String ACCOUNT = "local-sp";
    private static final String USER = "local-sp-kms";
    /** The demo's SPC: an account made here must still hold it, as the demo does not add it to an existing one. */
    static final String DEMO_SPC = "1234";

    private final LocalCluster cluster;
    private final StiPaClient stiPa;

    ClusterKms(LocalCluster cluster) {
        this.cluster = cluster;
        this.stiPa = new StiPaClient(cluster.frontHttp(""));
    }

    /** Makes an ACTIVE SP-KMS credential for the SPC (its own HSM key and certificate) and returns its JSON. */
    Map<String, Object> activeCredential(String spc) throws Exception {
        String root = expect(Http.get(URI.create(cluster.front() + "/sti-ca/root.pem")), 200, "STI-CA root").body();
        expect(stiPa.admin("POST", "api/v1/admin/trust-anchors", JSONObjectUtils.toJSONString(Map.of("certificate", root))),
                201, "STI-CA root on the trust list");
        if (stiPa.admin("GET", "api/v1/admin/accounts/" + ACCOUNT, null).statusCode() == 404) {
            expect(stiPa.admin("POST", "api/v1/admin/accounts", JSONObjectUtils.toJSONString(Map.of("accountId", ACCOUNT,
                    "name", "Demo Telecom", "caAllowed", false, "spcs", List.of(DEMO_SPC)))), 201, "the SP-KMS's STI-PA account");
        }
        expect(stiPa.admin("POST", "api/v1/admin/accounts/" + ACCOUNT + "/spcs", "{\"spc\":\"" + spc + "\"}"), 201, "SPC " + spc);
        Path passwordFile = cluster.data.resolve("kms/sti-pa.password");
        if (!Files.exists(passwordFile)) {
            HttpResponse<String> user = expect(stiPa.admin("POST", "api/v1/admin/users",
                    "{\"userId\":\"" + USER + "\",\"role\":\"SP_API\",\"accountId\":\"" + ACCOUNT + "\"}"), 201, "the SP-KMS's STI-PA user");
            Files.writeString(passwordFile, (String) Http.json(user).get("password"));
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        }
        expect(Http.send(request(cluster.frontHttp(""), "").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"spc\":\"" + spc + "\"}"))), 202, "SP-KMS credential for " + spc);
        LocalCluster.await(Duration.ofSeconds(120), "an ACTIVE SP-KMS credential for SPC " + spc,
                () -> "ACTIVE".equals(credential(cluster.frontHttp(""), spc).get("state")));
        return credential(cluster.frontHttp(""), spc);
    }

    /** The credential as the SP-KMS admin API at {@code api} shows it. */
    Map<String, Object> credential(URI api, String spc) throws Exception {
        return Http.json(expect(Http.send(request(api, "/" + spc).GET()), 200, "SP-KMS credential " + spc));
    }

    /** A request to the SP-KMS admin API at {@code api}, with the admin token the nodes share. */
    HttpRequest.Builder request(URI api, String path) throws Exception {
        String token = Files.readString(cluster.data.resolve("kms/admin.token")).strip();
        return HttpRequest.newBuilder(api.resolve("kms/v1/credentials" + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    /**
     * An STI-AS API key for the SPC, made on {@code node} with the STI-AS admin token the nodes share: a key is
     * valid on every node, since they share the database.
     */
    String signingKey(int node, String spc) throws Exception {
        String token = Files.readString(cluster.data.resolve("as/admin.token")).strip();
        HttpResponse<String> created = expect(Http.send(HttpRequest.newBuilder(cluster.nodeHttp(node, "stir/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cluster-it-" + spc + "\",\"spcs\":[\"" + spc
                        + "\"],\"maxAttest\":\"A\"}"))), 201, "STI-AS API key on node-" + node);
        return (String) Http.json(created).get("apiKey");
    }

    /** The node's STI-AS signs with the SP-KMS's HSM key for the API key's SPC and its STI-VS verifies the PASSporT. */
    void assertSignsAndVerifies(int node, String apiKey) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> signed = expect(Http.send(HttpRequest.newBuilder(cluster.nodeHttp(node, "stir/v1/signing"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155550131\"]},\"iat\":"
                        + now + ",\"orig\":{\"tn\":\"12155550121\"}}}"))), 200, "signing on node-" + node);
        String identity = (String) ((Map<?, ?>) Http.json(signed).get("signingResponse")).get("identity");
        HttpResponse<String> verified = expect(Http.post(cluster.nodeHttp(node, "stir/v1/verification"), "application/json",
                "{\"verificationRequest\":{\"from\":{\"tn\":\"12155550121\"},\"to\":{\"tn\":[\"12155550131\"]},\"time\":" + now
                        + ",\"identity\":\"" + identity + "\"}}"), 200, "verification on node-" + node);
        assertEquals("TN-Validation-Passed", ((Map<?, ?>) Http.json(verified).get("verificationResponse")).get("verstat"), verified.body());
    }
}
