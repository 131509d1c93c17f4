package org.shakenpki.cluster;

import org.shakenpki.it.RawAcme;
import org.shakenpki.it.TestTls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

/**
 * RFC 8555 requests sent to a chosen node as if they came through the load balancer: the connection goes to
 * the node's own port, the {@code Host} header names the front, so the node sees the URLs a client behind
 * HAProxy signs (section 6.4). This is what lets a test say "created on node 1, finalised on node 2".
 * Needs {@code -Djdk.httpclient.allowRestrictedHeaders=host}.
 */
final class NodeAcme {
    private final LocalCluster cluster;
    /** Made on first use: the cluster's TLS certificate exists only once the launcher has started it. */
    private HttpClient client;

    NodeAcme(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** An ACME account: its key and its URL (the kid). */
    record Account(KeyPair key, String kid) {
    }

    String url(String path) {
        return cluster.front() + "/acme/" + path;
    }

    String nonce(int node) throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(onNode(node, url("new-nonce"))).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .headers().firstValue("Replay-Nonce").orElseThrow(() -> new AssertionError("node-" + node + " sent no nonce"));
    }

    /** Posts a finished JWS to the node. */
    HttpResponse<String> post(int node, String url, String jws) throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(onNode(node, url)).header("Content-Type", RawAcme.JOSE)
                .POST(HttpRequest.BodyPublishers.ofString(jws)));
    }

    /** A kid-signed POST to {@code node}; the nonce comes from {@code nonceNode}. */
    HttpResponse<String> postAs(int node, int nonceNode, Account account, String url, String payload) throws Exception {
        return post(node, url, RawAcme.sign(Map.of("kid", account.kid(), "nonce", nonce(nonceNode), "url", url), payload, account.key()));
    }

    /** newAccount (section 7.3) on the node, with a nonce from {@code nonceNode}. */
    Account newAccount(int node, int nonceNode, KeyPair key) throws Exception {
        String url = url("new-account");
        HttpResponse<String> response = post(node, url, RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", nonce(nonceNode), "url", url),
                "{\"termsOfServiceAgreed\":true}", key));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("newAccount on node-" + node + " failed: " + response.body());
        }
        return new Account(key, response.headers().firstValue("Location").orElseThrow());
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .sslContext(TestTls.context())
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return client;
    }

    private HttpResponse<String> send(int node, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client().send(request.header("Host", "localhost:" + cluster.httpsPort).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The front URL with the node's port: same path, same Host header. */
    private URI onNode(int node, String frontUrl) {
        if (!frontUrl.startsWith(cluster.front() + "/")) {
            throw new AssertionError("not a URL of the cluster's front: " + frontUrl);
        }
        return URI.create("https://localhost:" + cluster.nodeHttpsPort(node) + frontUrl.substring(cluster.front().length()));
    }
}
