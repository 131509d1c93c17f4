package org.shakenpki.cluster;

import com.nimbusds.jose.util.Base64URL;
import org.shakenpki.it.Http;
import org.shakenpki.it.TestCsr;
import org.shakenpki.it.TestStiPa;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * One ACME order for an SPC (RFC 8555 section 7.4 with the TNAuthList identifier of RFC 9448), taken step by
 * step, each step on a node the test chooses, so that a step can be sent to another node than the one before,
 * or repeated after a node died.
 */
final class OrderFlow {
    private final NodeAcme acme;
    private final NodeAcme.Account account;
    private final TNAuthList tnAuthList;
    private final KeyPair certificateKey;
    final String orderUrl;
    private final String authorizationUrl;
    private final String finalizeUrl;

    private OrderFlow(NodeAcme acme, NodeAcme.Account account, TNAuthList tnAuthList, String orderUrl, Map<String, Object> order)
            throws Exception {
        this.acme = acme;
        this.account = account;
        this.tnAuthList = tnAuthList;
        this.certificateKey = TestStiPa.p256();
        this.orderUrl = orderUrl;
        this.authorizationUrl = (String) ((List<?>) order.get("authorizations")).get(0);
        this.finalizeUrl = (String) order.get("finalize");
    }

    /** newOrder on the node. */
    static OrderFlow create(NodeAcme acme, int node, NodeAcme.Account account, String spc) throws Exception {
        TNAuthList tnAuthList = TNAuthList.ofSpc(spc);
        HttpResponse<String> response = acme.postAs(node, other(node), account, acme.url("new-order"),
                "{\"identifiers\":[{\"type\":\"TNAuthList\",\"value\":\"" + tnAuthList.toBase64Url() + "\"}]}");
        expect(response, 201, "newOrder on node-" + node);
        return new OrderFlow(acme, account, tnAuthList, response.headers().firstValue("Location").orElseThrow(), Http.json(response));
    }

    /** The tkvalue and fingerprint an SPC token for this order must carry (RFC 9448 section 5). */
    String tkvalue() {
        return tnAuthList.toBase64Url();
    }

    String accountFingerprint() {
        return Fingerprints.format(Fingerprints.jwkThumbprint(account.key().getPublic()));
    }

    /** The order resource, read on the node. */
    Map<String, Object> read(int node) throws Exception {
        return Http.json(expect(acme.postAs(node, other(node), account, orderUrl, ""), 200, "order on node-" + node));
    }

    String status(int node) throws Exception {
        return (String) read(node).get("status");
    }

    /** Answers the tkauth-01 challenge (RFC 9447 section 3) with the SPC token, on the node. */
    void answerChallenge(int node, String spcToken) throws Exception {
        Map<String, Object> authorization = Http.json(expect(acme.postAs(node, other(node), account, authorizationUrl, ""), 200,
                "authorization on node-" + node));
        Map<?, ?> challenge = (Map<?, ?>) ((List<?>) authorization.get("challenges")).get(0);
        expect(acme.postAs(node, other(node), account, (String) challenge.get("url"), "{\"atc\":\"" + spcToken + "\"}"), 200,
                "challenge on node-" + node);
    }

    /** finalize on the node; the caller judges the answer. */
    HttpResponse<String> finalizeOn(int node) throws Exception {
        String csr = Base64URL.encode(TestCsr.of(certificateKey, tnAuthList, false)).toString();
        return acme.postAs(node, other(node), account, finalizeUrl, "{\"csr\":\"" + csr + "\"}");
    }

    /** The certificate chain of a valid order, downloaded on the node. */
    String certificate(int node) throws Exception {
        String url = (String) read(node).get("certificate");
        if (url == null) {
            throw new AssertionError("the order " + orderUrl + " has no certificate");
        }
        return expect(acme.postAs(node, other(node), account, url, ""), 200, "certificate on node-" + node).body();
    }

    /** The other node of the two: nonces are fetched there, so every request crosses nodes. */
    static int other(int node) {
        return node == 1 ? 2 : 1;
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + ": expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
