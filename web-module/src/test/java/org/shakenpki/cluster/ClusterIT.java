package org.shakenpki.cluster;

import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 *
 * <p>The cases share only the cluster, started once per class as that is the expensive part. Each case makes what
 * it uses (its own STI-PA account and SPC, ACME accounts, SP-KMS credential and STI-AS key), so any case runs alone
 * and in any order, except the demo's, which runs last: like a user's first run it makes the STI-CA require External
 * Account Binding and binds the cluster's SP-KMS to the demo's subscriber, which serves the demo's SPC only, so
 * after it the other cases' plain ACME accounts and SPCs would be refused, as they should. A case that kills a node
 * leaves the restart to the next case's {@link #bothNodesUp}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String ACME_ERROR = "urn:ietf:params:acme:error:";

    /** The one thing the cases share: the cluster, started once, as starting it is the expensive part. */
    private final LocalCluster cluster = new LocalCluster();
    private final NodeAcme acme = new NodeAcme(cluster);
    private final ClusterKms kms = new ClusterKms(cluster);
    private final StiPaClient stiPa = new StiPaClient(cluster.frontHttp(""));

    @BeforeAll
    void startCluster() throws Exception {
        cluster.purge();
        cluster.start();
    }

    /** A case that killed a node and failed before restarting it leaves no dead node to the next one. */
    @BeforeEach
    void bothNodesUp() throws Exception {
        cluster.start();
    }

    @AfterAll
    void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
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
    void anOrderCreatedOnOneNodeIsFinalisedOnTheOther() throws Exception {
        ServiceProvider sp = serviceProvider("7102");
        NodeAcme.Account account = acme.newAccount(1, 2, TestStiPa.p256());
        OrderFlow order = OrderFlow.create(acme, 1, account, sp.spc());
        order.answerChallenge(2, sp.token(order));
        assertEquals("ready", order.status(1));

        HttpResponse<String> finalized = expect(order.finalizeOn(2), 200, "finalize on node-2");
        assertEquals("valid", Http.json(finalized).get("status"));
        assertEquals("valid", order.status(1));

        X509Certificate leaf = Pem.certificates(order.certificate(2)).get(0);
        byte[] extension = ASN1OctetString.getInstance(leaf.getExtensionValue(TNAuthList.OID.getId())).getOctets();
        assertEquals(List.of(sp.spc()), TNAuthList.decode(extension).spcs());
        leaf.verify(intermediate().getPublicKey());
    }

    @Test
    void concurrentFinalizesOnBothNodesIssueEachOrderOnce() throws Exception {
        ServiceProvider sp = serviceProvider("7103");
        NodeAcme.Account account = acme.newAccount(2, 1, TestStiPa.p256());
        List<OrderFlow> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OrderFlow order = OrderFlow.create(acme, 1 + i % 2, account, sp.spc());
            order.answerChallenge(2 - i % 2, sp.token(order));
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
    @Order(Integer.MAX_VALUE) // last: it turns EAB on and binds the SP-KMS to the demo subscriber (class Javadoc)
    void theDemoRunsThroughTheBalancer() throws Exception {
        cluster.demo();
        assertEquals("ACTIVE", kms.credential(cluster.frontHttp(""), ClusterKms.DEMO_SPC).get("state"));
    }

    @Test
    void theRenewalTimerFiresOnceInTheClusterAndMovesWhenItsNodeDies() throws Exception {
        String spc = "7205";
        kms.activeCredential(spc);
        int timerNode = renewByTimer(cluster.frontHttp(""), spc);
        int survivor = other(timerNode);
        cluster.kill(timerNode);
        assertEquals(survivor, renewByTimer(cluster.nodeHttp(survivor, ""), spc), "the timer moved to the surviving node");
    }

    @Test
    void aNodeKilledDuringAnIssuanceLoadLosesNothing() throws Exception {
        ServiceProvider sp = serviceProvider("7106");
        String kmsSpc = "7206";
        kms.activeCredential(kmsSpc);
        X509Certificate intermediate = intermediate();
        ConcurrentLinkedQueue<OrderFlow> flows = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            clients.add(load.submit(() -> issueUntilStopped(sp, client, flows, completed, running)));
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
            complete(sp, flow, node);
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
            kms.assertSignsAndVerifies(n, kms.signingKey(other(n), kmsSpc));
        }
    }

    // --- the load and its recovery --------------------------------------------------------------------------

    /** One client of the load: issuance after issuance, each request on the other node than the one before. */
    private Void issueUntilStopped(ServiceProvider sp, int client, ConcurrentLinkedQueue<OrderFlow> flows, AtomicInteger completed,
                                   AtomicBoolean running) throws Exception {
        NodeAcme.Account account = acme.newAccount(1 + client % 2, 2 - client % 2, TestStiPa.p256());
        int node = 1 + client % 2;
        while (running.get()) {
            try {
                OrderFlow flow = OrderFlow.create(acme, node, account, sp.spc());
                flows.add(flow);
                flow.answerChallenge(other(node), sp.token(flow));
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
    private void complete(ServiceProvider sp, OrderFlow flow, int node) throws Exception {
        String status = flow.status(node);
        if ("pending".equals(status)) {
            flow.answerChallenge(node, sp.token(flow));
            status = flow.status(node);
        }
        if ("ready".equals(status)) {
            expect(flow.finalizeOn(node), 200, "finalize after the restart");
            status = flow.status(node);
        }
        assertEquals("valid", status, "order " + flow.orderUrl + " after the restart: " + flow.read(node));
    }

    // --- the SP-KMS timer ----------------------------------------------------------------------------------

    /**
     * Moves the renewal of the SPC's credential to now through {@code api}, so that only the SP-KMS timer can
     * renew it; waits for the new certificate; returns the node that made it (from its audit record), after
     * checking that this node's log names the round (in what it wrote since the renewal was asked for).
     */
    private int renewByTimer(URI api, String spc) throws Exception {
        String before = (String) kms.credential(api, spc).get("serialNumber");
        int attemptsBefore = kmsAttempts(spc).size();
        int[] logLengths = new int[LocalCluster.NODES + 1];
        for (int n = 1; n <= LocalCluster.NODES; n++) {
            logLengths[n] = cluster.log(n).length();
        }
        expect(Http.send(kms.request(api, "/" + spc + "/renew").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + java.time.OffsetDateTime.now() + "\"}"))), 202, "renew");
        LocalCluster.await(Duration.ofSeconds(240), "a renewed certificate for SPC " + spc, () -> {
            Map<String, Object> credential = kms.credential(api, spc);
            return "ACTIVE".equals(credential.get("state")) && !before.equals(credential.get("serialNumber"));
        });
        List<String> attempts = kmsAttempts(spc);
        assertEquals(attemptsBefore + 1, attempts.size(), "one issuance attempt for one renewal: " + attempts);
        String detail = attempts.get(attempts.size() - 1);
        int node = detail.endsWith("on node-1") ? 1 : detail.endsWith("on node-2") ? 2 : 0;
        assertNotEquals(0, node, "the attempt names its node: " + detail);
        // the round may also have replaced another credential (the CRL watch acts on what other cases revoked), and
        // it logs once it has also sent its notifications, which may be after the certificate is ACTIVE
        java.util.regex.Pattern round = java.util.regex.Pattern.compile("SP-KMS round on node-" + node
                + ": \\d+ issuance attempt\\(s\\) \\(SPC [^)]*\\b" + spc + "\\b");
        int since = logLengths[node];
        LocalCluster.await(Duration.ofSeconds(60), "the renewal was the timer's work on node-" + node, () -> {
            String log = cluster.log(node);
            return round.matcher(log.substring(Math.min(since, log.length()))).find();
        });
        return node;
    }

    /** The audit details of the SP-KMS's issuance attempts for the SPC, oldest first. */
    private List<String> kmsAttempts(String spc) throws Exception {
        try (Connection db = cluster.database();
             var query = db.prepareStatement("select detail from audit_log where action = 'kms.issuance.start' and subject like ? order by id")) {
            query.setString(1, "%" + spc + "%");
            List<String> details = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    details.add(rows.getString(1));
                }
            }
            return details;
        }
    }

    // --- shared checks -------------------------------------------------------------------------------------

    /** A service-provider account at the STI-PA of the case's own, holding one SPC, and its API user's access token. */
    private record ServiceProvider(StiPaClient stiPa, String accountId, String spc, String access) {
        /** An SPC token (ATIS-1000080 section 5.2) for the order's TNAuthList and account key. */
        String token(OrderFlow order) throws Exception {
            HttpResponse<String> response = expect(stiPa.token(access, accountId,
                    StiPaClient.atc(order.tkvalue(), false, order.accountFingerprint())), 200, "SPC token");
            return (String) Http.json(response).get("token");
        }
    }

    private ServiceProvider serviceProvider(String spc) throws Exception {
        String accountId = "cluster-sp-" + spc;
        return new ServiceProvider(stiPa, accountId, spc, stiPa.newAccountWithUser(accountId, false, spc));
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
