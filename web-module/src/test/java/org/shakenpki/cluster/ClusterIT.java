package org.shakenpki.cluster;

import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shakenpki.it.Http;
import org.shakenpki.it.RawAcme;
import org.shakenpki.it.StiPaClient;
import org.shakenpki.it.TestStiPa;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.cluster.OrderFlow.expect;
import static org.shakenpki.cluster.OrderFlow.other;

/**
 * Two Payara Micro nodes on one PostgreSQL, requests spread across both with no stickiness (ATIS-1000080 leaves
 * the deployment to the operator; docs/deployment.md describes this topology): nonces, orders and timers are
 * cluster-wide, an order is issued once however many nodes finalise it, and a node killed with SIGKILL in the
 * middle of an issuance load loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String ACME_ERROR = "urn:ietf:params:acme:error:";
    private static final String SP_ACCOUNT = "cluster-sp";
    private static final String SPC = "7101";
    /** The SPC the launcher's demo provisions in the SP-KMS. */
    private static final String KMS_SPC = "1234";

    private final LocalCluster cluster = new LocalCluster();
    private final NodeAcme acme = new NodeAcme(cluster);
    private StiPaClient stiPa;
    private String stiPaAccess;
    private String signingKey;

    @BeforeAll
    void startCluster() throws Exception {
        cluster.purge();
        cluster.start();
        stiPa = new StiPaClient(cluster.frontHttp(""));
        stiPaAccess = stiPa.newAccountWithUser(SP_ACCOUNT, false, SPC);
    }

    @AfterAll
    void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
    @Order(1)
    void aNonceFromOneNodeIsAcceptedOnceOnTheOther() throws Exception {
        var key = TestStiPa.p256();
        String url = acme.url("new-account");
        String jws = RawAcme.sign(Map.of("jwk", RawAcme.jwk(key), "nonce", acme.nonce(1), "url", url), "{\"termsOfServiceAgreed\":true}", key);

        expect(acme.post(2, url, jws), 201, "newAccount on node-2 with a nonce of node-1");
        for (int node = 1; node <= LocalCluster.NODES; node++) {
            HttpResponse<String> replay = acme.post(node, url, jws);
            assertEquals(400, replay.statusCode(), "replay on node-" + node + ": " + replay.body());
            assertEquals(ACME_ERROR + "badNonce", Http.json(replay).get("type"));
            assertTrue(replay.headers().firstValue("Replay-Nonce").isPresent(), "a badNonce answer carries a fresh nonce");
        }
    }

    @Test
    @Order(2)
    void anOrderCreatedOnOneNodeIsFinalisedOnTheOther() throws Exception {
        NodeAcme.Account account = acme.newAccount(1, 2, TestStiPa.p256());
        OrderFlow order = OrderFlow.create(acme, 1, account, SPC);
        order.answerChallenge(2, spcToken(order));
        assertEquals("ready", order.status(1));

        HttpResponse<String> finalized = expect(order.finalizeOn(2), 200, "finalize on node-2");
        assertEquals("valid", Http.json(finalized).get("status"));
        assertEquals("valid", order.status(1));

        X509Certificate leaf = Pem.certificates(order.certificate(2)).get(0);
        byte[] extension = ASN1OctetString.getInstance(leaf.getExtensionValue(TNAuthList.OID.getId())).getOctets();
        assertEquals(List.of(SPC), TNAuthList.decode(extension).spcs());
        leaf.verify(intermediate().getPublicKey());
    }

    @Test
    @Order(3)
    void concurrentFinalizesOnBothNodesIssueEachOrderOnce() throws Exception {
        NodeAcme.Account account = acme.newAccount(2, 1, TestStiPa.p256());
        List<OrderFlow> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OrderFlow order = OrderFlow.create(acme, 1 + i % 2, account, SPC);
            order.answerChallenge(2 - i % 2, spcToken(order));
            orders.add(order);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2 * orders.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            Map<OrderFlow, List<Future<HttpResponse<String>>>> answers = new java.util.LinkedHashMap<>();
            for (OrderFlow order : orders) {
                List<Future<HttpResponse<String>>> both = new ArrayList<>();
                for (int node = 1; node <= LocalCluster.NODES; node++) {
                    int target = node;
                    both.add(pool.submit(() -> {
                        go.await();
                        return order.finalizeOn(target);
                    }));
                }
                answers.put(order, both);
            }
            go.countDown();
            for (var entry : answers.entrySet()) {
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : entry.getValue()) {
                    HttpResponse<String> response = answer.get();
                    statuses.add(response.statusCode());
                    if (response.statusCode() != 200) {
                        assertEquals(403, response.statusCode(), response.body());
                        assertEquals(ACME_ERROR + "orderNotReady", Http.json(response).get("type"));
                    }
                }
                assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one finalize wins: " + statuses);
                assertEquals("valid", entry.getKey().status(1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertOneCertificatePerOrderAndUniqueSerials();
    }

    @Test
    @Order(4)
    void theDemoRunsThroughTheBalancer() throws Exception {
        cluster.demo();
        Map<String, Object> credential = kmsCredential(cluster.frontHttp(""));
        assertEquals("ACTIVE", credential.get("state"));
    }

    @Test
    @Order(5)
    void theRenewalTimerFiresOnceInTheClusterAndMovesWhenItsNodeDies() throws Exception {
        int timerNode = renewByTimer(cluster.frontHttp(""));
        assertTrue(cluster.log(timerNode).contains("SP-KMS round on node-" + timerNode + ": 1 issuance attempt"),
                "the renewal was the timer's work on node-" + timerNode);

        int survivor = other(timerNode);
        cluster.kill(timerNode);
        assertEquals(survivor, renewByTimer(cluster.nodeHttp(survivor, "")), "the timer moved to the surviving node");
        assertTrue(cluster.log(survivor).contains("SP-KMS round on node-" + survivor + ": 1 issuance attempt"));

        cluster.start();
    }

    @Test
    @Order(6)
    void aNodeKilledDuringAnIssuanceLoadLosesNothing() throws Exception {
        X509Certificate intermediate = intermediate();
        ConcurrentLinkedQueue<OrderFlow> flows = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            clients.add(load.submit(() -> issueUntilStopped(client, flows, completed, running)));
        }
        LocalCluster.await(Duration.ofSeconds(120), "issuances complete under load", () -> completed.get() >= 4);
        cluster.kill(2);
        Thread.sleep(4000);
        running.set(false);
        for (Future<?> client : clients) {
            client.get();
        }
        load.shutdown();
        int beforeRestart = completed.get();

        cluster.start();

        Set<String> serials = new HashSet<>();
        int node = 1;
        for (OrderFlow flow : flows) {
            complete(flow, node);
            X509Certificate leaf = Pem.certificates(flow.certificate(other(node))).get(0);
            leaf.verify(intermediate.getPublicKey());
            assertTrue(serials.add(leaf.getSerialNumber().toString(16)), "serial reused: " + leaf.getSerialNumber().toString(16));
            node = other(node);
        }
        assertTrue(flows.size() > beforeRestart, "some orders were interrupted by the kill: " + flows.size() + " orders, "
                + beforeRestart + " finished before the restart");
        assertEquals(Pem.encode(intermediate), Pem.encode(intermediate()), "the CA certificate is unchanged");
        assertOneCertificatePerOrderAndUniqueSerials();
        assertAuditChainCoversEveryRecord();
        // The HSM keys of all three roles still work: the STI-PA signed the SPC tokens and the STI-CA the
        // certificates of the orders completed after the restart; the STI-AS signs with the SP-KMS key.
        for (int n = 1; n <= LocalCluster.NODES; n++) {
            assertEquals(200, Http.get(cluster.nodeHttp(n, "health")).statusCode(), "node-" + n + " healthy: HSM tokens and database");
            assertSignsAndVerifies(n);
        }
    }

    // --- the load and its recovery --------------------------------------------------------------------------

    /** One client of the load: issuance after issuance, each request on the other node than the one before. */
    private Void issueUntilStopped(int client, ConcurrentLinkedQueue<OrderFlow> flows, AtomicInteger completed, AtomicBoolean running)
            throws Exception {
        NodeAcme.Account account = acme.newAccount(1 + client % 2, 2 - client % 2, TestStiPa.p256());
        int node = 1 + client % 2;
        while (running.get()) {
            try {
                OrderFlow flow = OrderFlow.create(acme, node, account, SPC);
                flows.add(flow);
                flow.answerChallenge(other(node), spcToken(flow));
                expect(flow.finalizeOn(node), 200, "finalize");
                flow.certificate(other(node));
                completed.incrementAndGet();
            } catch (Exception | AssertionError e) {
                // a node died under this request: the order stays as it is, to be completed after the restart
                Thread.sleep(200);
            }
            node = other(node);
        }
        return null;
    }

    /** Takes an order that the kill interrupted to the end, on the given node. */
    private void complete(OrderFlow flow, int node) throws Exception {
        String status = flow.status(node);
        if ("pending".equals(status)) {
            flow.answerChallenge(node, spcToken(flow));
            status = flow.status(node);
        }
        if ("ready".equals(status)) {
            expect(flow.finalizeOn(node), 200, "finalize after the restart");
            status = flow.status(node);
        }
        assertEquals("valid", status, "order " + flow.orderUrl + " after the restart: " + flow.read(node));
    }

    // --- the SP-KMS ----------------------------------------------------------------------------------------

    /**
     * Moves the renewal of the demo credential to now through {@code api}, so that only the SP-KMS timer can
     * renew it; waits for the new certificate; returns the node that made it (from its audit record).
     */
    private int renewByTimer(URI api) throws Exception {
        String before = (String) kmsCredential(api).get("serialNumber");
        int attemptsBefore = kmsAttempts().size();
        expect(Http.send(kms(api, "kms/v1/credentials/" + KMS_SPC + "/renew").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + java.time.OffsetDateTime.now() + "\"}"))), 202, "renew");
        LocalCluster.await(Duration.ofSeconds(240), "a renewed certificate for SPC " + KMS_SPC, () -> {
            Map<String, Object> credential = kmsCredential(api);
            return "ACTIVE".equals(credential.get("state")) && !before.equals(credential.get("serialNumber"));
        });
        List<String> attempts = kmsAttempts();
        assertEquals(attemptsBefore + 1, attempts.size(), "one issuance attempt for one renewal: " + attempts);
        String detail = attempts.get(attempts.size() - 1);
        int node = detail.endsWith("on node-1") ? 1 : detail.endsWith("on node-2") ? 2 : 0;
        assertNotEquals(0, node, "the attempt names its node: " + detail);
        return node;
    }

    /** The audit details of the SP-KMS's issuance attempts for the demo SPC, oldest first. */
    private List<String> kmsAttempts() throws Exception {
        try (Connection db = cluster.database();
             var query = db.prepareStatement("select detail from audit_log where action = 'kms.issuance.start' and subject like ? order by id")) {
            query.setString(1, "%" + KMS_SPC + "%");
            List<String> details = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    details.add(rows.getString(1));
                }
            }
            return details;
        }
    }

    private Map<String, Object> kmsCredential(URI api) throws Exception {
        return Http.json(expect(Http.send(kms(api, "kms/v1/credentials/" + KMS_SPC).GET()), 200, "SP-KMS credential"));
    }

    private HttpRequest.Builder kms(URI api, String path) throws Exception {
        String token = Files.readString(cluster.data.resolve("kms/admin.token")).strip();
        return HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /**
     * An STI-AS API key for the SP-KMS's SPC, made on another node than the one signing (with the STI-AS admin token
     * the nodes share): a key is valid on every node, since they share the database.
     */
    private String signingKey(int node) throws Exception {
        if (signingKey == null) {
            String token = Files.readString(cluster.data.resolve("as/admin.token")).strip();
            HttpResponse<String> created = expect(Http.send(HttpRequest.newBuilder(cluster.nodeHttp(node, "stir/v1/admin/api-keys"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cluster-it\",\"spcs\":[\"" + KMS_SPC
                            + "\"],\"maxAttest\":\"A\"}"))), 201, "STI-AS API key on node-" + node);
            signingKey = (String) Http.json(created).get("apiKey");
        }
        return signingKey;
    }

    /** The node's STI-AS signs with the SP-KMS's HSM key and its STI-VS verifies the PASSporT. */
    private void assertSignsAndVerifies(int node) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> signed = expect(Http.send(HttpRequest.newBuilder(cluster.nodeHttp(node, "stir/v1/signing"))
                .header("Authorization", "Bearer " + signingKey(other(node))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"signingRequest\":{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155550131\"]},\"iat\":"
                        + now + ",\"orig\":{\"tn\":\"12155550121\"}}}"))), 200, "signing on node-" + node);
        String identity = (String) ((Map<?, ?>) Http.json(signed).get("signingResponse")).get("identity");
        HttpResponse<String> verified = expect(Http.post(cluster.nodeHttp(node, "stir/v1/verification"), "application/json",
                "{\"verificationRequest\":{\"from\":{\"tn\":\"12155550121\"},\"to\":{\"tn\":[\"12155550131\"]},\"time\":" + now
                        + ",\"identity\":\"" + identity + "\"}}"), 200, "verification on node-" + node);
        assertEquals("TN-Validation-Passed", ((Map<?, ?>) Http.json(verified).get("verificationResponse")).get("verstat"), verified.body());
    }

    // --- shared checks -------------------------------------------------------------------------------------

    private String spcToken(OrderFlow order) throws Exception {
        HttpResponse<String> response = expect(stiPa.token(stiPaAccess, SP_ACCOUNT,
                StiPaClient.atc(order.tkvalue(), false, order.accountFingerprint())), 200, "SPC token");
        return (String) Http.json(response).get("token");
    }

    private X509Certificate intermediate() throws Exception {
        return Pem.certificates(expect(Http.get(URI.create(cluster.front() + "/sti-ca/intermediate.pem")), 200, "intermediate").body()).get(0);
    }

    /**
     * The audit chain is intact and holds every committed record, at positions 1..n without a hole: none lost,
     * none half-written. Sealing runs every 5 s on each node; the chain call seals what is pending first.
     */
    private void assertAuditChainCoversEveryRecord() throws Exception {
        LocalCluster.await(Duration.ofSeconds(30), "every audit record sealed into an intact chain", () -> {
            Map<String, Object> chain = Http.json(expect(stiPa.admin("GET", "api/v1/admin/audit/chain", null), 200, "audit chain"));
            assertEquals(Boolean.TRUE, chain.get("intact"), "audit chain: " + chain);
            try (Connection db = cluster.database(); var statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*), count(chain_seq), coalesce(max(chain_seq), 0) from audit_log")) {
                rows.next();
                assertEquals(rows.getLong(2), rows.getLong(3), "chain positions are 1..n without a hole");
                return rows.getLong(1) == rows.getLong(2) && ((Number) chain.get("headSeq")).longValue() == rows.getLong(2);
            }
        });
    }

    /** RFC 8555 section 7.4: one certificate per order; RFC 5280 section 4.1.2.2: serials unique per issuer. */
    private void assertOneCertificatePerOrderAndUniqueSerials() throws Exception {
        try (Connection db = cluster.database(); var statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select order_id from ca_certificate group by order_id having count(*) > 1")) {
                assertTrue(!rows.next(), "an order was issued twice");
            }
            try (ResultSet rows = statement.executeQuery("select serial_hex from ca_certificate group by serial_hex having count(*) > 1")) {
                assertTrue(!rows.next(), "a serial was issued twice");
            }
        }
    }
}
