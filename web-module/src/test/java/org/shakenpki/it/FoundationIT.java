package org.shakenpki.it;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.AuditRecord;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.sks.KeyJournal;
import org.shakenpki.sks.KeyJournalSweeper;
import org.shakenpki.sks.KeyService;
import org.shakenpki.sks.SecureKeyStore;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;

/**
 * The foundation on a real Payara Micro with real SoftHSM2 tokens: keys and audit records share one JTA
 * transaction, {@code /health} reports the tokens and the database, and bad requests get problem documents.
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(FoundationIT.class, RollbackProbe.class, Http.class, ProblemAssertions.class, TestTls.class,
                HostileInput.class);
    }

    @EJB
    KeyService keys;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @EJB
    RollbackProbe probe;

    @EJB
    KeyJournal journal;

    @EJB
    KeyJournalSweeper sweeper;

    @ArquillianResource
    URL base;

    @Test
    void aKeyAndItsAuditRecordCommitTogether() {
        String alias = "it-" + UUID.randomUUID();
        keys.createKey("kms", alias, "it");

        assertTrue(keyStore.token("kms").aliases().contains(alias));
        List<AuditRecord> records = audit.forSubject("kms:" + alias);
        assertEquals(1, records.size());
        assertEquals("sks.key.create", records.get(0).action());
        assertEquals(Outcome.SUCCESS, records.get(0).outcome());
        assertEquals("it", records.get(0).actor());
    }

    @Test
    void aFailureRollsBackTheKeyAndTheAuditRecord() {
        String alias = "it-" + UUID.randomUUID();
        assertThrows(ProblemException.class, () -> probe.createKeyThenFail("kms", alias));

        assertFalse(keyStore.token("kms").aliases().contains(alias), "orphan key left on the token");
        assertTrue(keyStore.token("kms").findKey(alias).isEmpty());
        assertTrue(audit.forSubject("kms:" + alias).isEmpty(), "audit record survived the rollback");
    }

    @Test
    void aDeletedKeyIsGoneOnlyAfterCommit() {
        String alias = "it-" + UUID.randomUUID();
        keys.createKey("kms", alias, "it");
        keys.deleteKey("kms", alias, "it");

        assertFalse(keyStore.token("kms").aliases().contains(alias));
        assertEquals(List.of("sks.key.create", "sks.key.delete"),
                audit.forSubject("kms:" + alias).stream().map(AuditRecord::action).toList());
    }

    @Test
    void aCommittedKeyLeavesNothingInTheJournal() {
        String alias = "it-" + UUID.randomUUID();
        keys.createKey("kms", alias, "it");

        assertTrue(journal.forKey("kms", alias).isEmpty());
        sweeper.sweepAt(OffsetDateTime.now().plusDays(1));
        assertTrue(keyStore.token("kms").findKey(alias).isPresent(), "a committed key survives every sweep");
    }

    @Test
    void aKeyWhoseTransactionNeverEndedIsDestroyedOnceAbandoned() {
        // What a node killed between generating the key and committing leaves: the committed intent and the key.
        String alias = "it-" + UUID.randomUUID();
        journal.intendCreate("kms", alias);
        keyStore.token("kms").createKey(alias);

        assertEquals(0, sweeper.sweepAt(OffsetDateTime.now()), "a young entry may still belong to a running transaction");
        assertTrue(keyStore.token("kms").findKey(alias).isPresent());

        assertEquals(1, sweeper.sweepAt(OffsetDateTime.now().plusHours(1)));
        assertTrue(keyStore.token("kms").findKey(alias).isEmpty(), "the abandoned key is destroyed");
        assertTrue(journal.forKey("kms", alias).isEmpty());
        assertEquals(List.of("sks.key.abandoned"), audit.forSubject("kms:" + alias).stream().map(AuditRecord::action).toList());
    }

    @Test
    void aRolledBackKeyLeavesAnEntryTheSweepForgets() {
        String alias = "it-" + UUID.randomUUID();
        assertThrows(ProblemException.class, () -> probe.createKeyThenFail("kms", alias));

        assertEquals(1, journal.forKey("kms", alias).size(), "the intent outlives the rolled-back transaction");
        assertEquals(0, sweeper.sweepAt(OffsetDateTime.now().plusHours(1)), "compensation already destroyed the key");
        assertTrue(journal.forKey("kms", alias).isEmpty());
    }

    @Test
    void aCommittedDeletionADeadNodeDidNotCarryOutIsFinished() {
        // The deletion committed (the DESTROY entry) but the key is still there, as when the node died at once.
        String alias = "it-" + UUID.randomUUID();
        keyStore.token("kms").createKey(alias);
        probe.recordDestroyIntent("kms", alias);

        sweeper.sweepAt(OffsetDateTime.now()); // a committed deletion needs no grace period
        assertTrue(keyStore.token("kms").findKey(alias).isEmpty());
        assertTrue(journal.forKey("kms", alias).isEmpty());
        assertEquals(List.of("sks.key.delete"), audit.forSubject("kms:" + alias).stream().map(AuditRecord::action).toList());
    }

    @Test
    void aRefusedAliasLeavesNoEntryThatCouldDestroyTheExistingKey() {
        String alias = "it-" + UUID.randomUUID();
        keys.createKey("kms", alias, "it");
        assertThrows(ProblemException.class, () -> keys.createKey("kms", alias, "it"));

        sweeper.sweepAt(OffsetDateTime.now().plusDays(1));
        assertTrue(keyStore.token("kms").findKey(alias).isPresent());
    }

    @Test
    @RunAsClient
    @SuppressWarnings("unchecked")
    void healthNamesEveryTokenAndTheDatabase() throws Exception {
        var response = Http.get(base.toURI().resolve("/health"));
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> checks = (List<Map<String, Object>>) Http.json(response).get("checks");

        Map<String, Object> tokens = check(checks, "hsm-tokens");
        assertEquals("UP", tokens.get("status"));
        Map<String, Object> data = (Map<String, Object>) tokens.get("data");
        for (String role : List.of("pa", "ca", "kms")) {
            assertEquals("online", data.get(role), role + " in " + data);
            assertEquals("shaken-" + role, data.get(role + ".label"));
        }

        Map<String, Object> database = check(checks, "database");
        assertEquals("UP", database.get("status"));
        String product = String.valueOf(((Map<String, Object>) database.get("data")).get("database"));
        assertTrue(product.startsWith(System.getProperty("it.expected.db", "H2")), product);
    }

    @Test
    @RunAsClient
    void anUnknownUrlIsANotFoundProblem() throws Exception {
        assertProblem(Http.get(base.toURI().resolve("no/such/resource")), 404, "urn:shaken-pki:problem:not-found");
    }

    @Test
    @RunAsClient
    void aWrongMethodIsAMethodNotAllowedProblem() throws Exception {
        var response = Http.post(base.toURI(), "application/json", "{}");
        assertProblem(response, 405, "urn:shaken-pki:problem:method-not-allowed");
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"));
    }

    @Test
    @RunAsClient
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String body = "{\"padding\":\"" + "x".repeat(70_000) + "\"}";
        assertProblem(Http.post(base.toURI(), "application/json", body), 413, "urn:shaken-pki:problem:payload-too-large");
    }

    @Test
    @RunAsClient
    void theIndexNamesTheHealthEndpoint() throws Exception {
        var response = Http.send(HttpRequest.newBuilder(base.toURI()).header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode());
        assertEquals(URI.create(base.toString()).resolve("/health").toString(), Http.json(response).get("health"));
    }

    @Test
    @RunAsClient
    void servesTheApplicationOverHttpsAtTheRootContext() throws Exception {
        var response = Http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + System.getProperty("it.https.port") + "/"))
                .header("Accept", "application/json").GET());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("shaken-pki", Http.json(response).get("name"));
    }

    /**
     * JSON endpoints that read a body before anything else; ACME, the STI-VS and the STI-AS (which wants its API
     * key before it reads a body) have their own cases.
     */
    private static final List<String> JSON_ENDPOINTS = List.of("api/v1/auth/login", "api/v1/auth/refresh",
            "api/v1/admin/accounts", "api/v1/account/x/token", "api/v1/revocations", "kms/v1/credentials",
            "stir/v1/verification");

    @Test
    @RunAsClient
    void jsonNested5000DeepIsMalformedOnTheLoginAndEveryJsonEndpoint() throws Exception {
        for (String path : JSON_ENDPOINTS) {
            URI uri = base.toURI().resolve(path);
            for (String body : List.of(HostileInput.deepArrays(HostileInput.DEPTH), HostileInput.deepObjects(HostileInput.DEPTH),
                    "{\"userId\":" + HostileInput.deepArrays(HostileInput.DEPTH) + "}")) {
                HostileInput.assertTooDeep(Http.post(uri, "application/json", body));
            }
        }
        // 32 levels are accepted by the JSON layer; the login then refuses the shape, not the nesting
        var shallow = Http.post(base.toURI().resolve("api/v1/auth/login"), "application/json", HostileInput.deepArrays(32));
        assertProblem(shallow, 400, HostileInput.MALFORMED);
        assertFalse(shallow.body().contains("nested"), shallow.body());
    }

    @Test
    @RunAsClient
    void hostileBodiesAreClientErrorsOnEveryJsonEndpoint() throws Exception {
        List<byte[]> bodies = List.of(new byte[0], "null".getBytes(), "\"x\"".getBytes(), "[]".getBytes(), "{".getBytes(),
                ("{\"userId\":1" + "0".repeat(5000) + "}").getBytes(), "{\"userId\":1e999999999}".getBytes(),
                "{\"userId\":5,\"password\":[],\"refreshToken\":{}}".getBytes(), "{\"userId\":\"\\ud800\"}".getBytes(),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "{\"userId\":\"a\",\"password\":\"b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16),
                ("[" + "1,".repeat(20_000) + "1]").getBytes());
        for (String path : JSON_ENDPOINTS) {
            URI uri = base.toURI().resolve(path);
            for (byte[] body : bodies) {
                String what = path + " " + new String(body, 0, Math.min(40, body.length), java.nio.charset.StandardCharsets.ISO_8859_1);
                HostileInput.assertClientError(HostileInput.post(uri, "application/json", body), what);
            }
            for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
                    "application/jose+json", "multipart/form-data; boundary=x"}) {
                HostileInput.assertClientError(HostileInput.post(uri, type, "{\"userId\":\"a\"}"), path + " as " + type);
            }
        }
    }

    @Test
    @RunAsClient
    void optionsDescribesNoInternals() throws Exception {
        var response = Http.send(HttpRequest.newBuilder(base.toURI().resolve("api/v1/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(response.statusCode() < 500, response.body());
        assertFalse(response.body().contains("Jersey"), response.body());
        assertFalse(response.body().contains("wadl"), response.body());
    }

    private static Map<String, Object> check(List<Map<String, Object>> checks, String name) {
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no health check " + name + " in " + checks));
    }
}
