package org.shakenpki.it;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.AuditRecord;
import org.shakenpki.audit.AuditSealer;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.StiPaClient.check;

/**
 * The audit hash chain on the deployed server: records written by audited actions (committed, independent and
 * rolled back) end up sealed at contiguous positions, the administrator's check over HTTPS reports the chain
 * intact, concurrent sealers never fork it, and a record changed in the database is reported at its position.
 */
@ExtendWith(ArquillianExtension.class)
class AuditChainIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(AuditChainIT.class, AuditTamperProbe.class, RollbackProbe.class, Http.class,
                TestTls.class, StiPaClient.class, ProblemAssertions.class);
    }

    @EJB
    AuditLog audit;

    @EJB
    AuditSealer sealer;

    @EJB
    AuditTamperProbe tamper;

    @EJB
    RollbackProbe rollback;

    private static final StiPaClient PA =
            new StiPaClient(URI.create("https://localhost:" + System.getProperty("it.https.port") + "/"));

    @Test
    void auditedActionsAreSealedIntoAnIntactChainDespiteRolledBackIds() throws Exception {
        String subject = "it-audit:" + UUID.randomUUID();
        audit.record("it", "it.first", subject, Outcome.SUCCESS, "first");
        String alias = "it-" + UUID.randomUUID();
        assertThrows(ProblemException.class, () -> rollback.createKeyThenFail("kms", alias));
        audit.recordIndependently("it", "it.second", subject, Outcome.REFUSED, "second");
        String account = "SP" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        PA.newAccountWithUser(account, false, Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase());

        Map<String, Object> chain = chain();
        assertEquals(true, chain.get("intact"), chain.toString());
        assertEquals(null, chain.get("firstBrokenSeq"));
        long headSeq = number(chain, "headSeq");
        assertEquals(headSeq, number(chain, "sealed"));
        assertEquals(64, ((String) chain.get("headHash")).length());

        List<AuditRecord> records = audit.forSubject(subject);
        assertEquals(List.of("it.first", "it.second"), records.stream().map(AuditRecord::action).toList());
        assertTrue(records.get(1).id() - records.get(0).id() >= 2, "the rolled-back record used no id in between?");
        for (AuditRecord record : records) {
            assertNotNull(record.chainSeq(), "unsealed after the check: " + record.id());
            assertTrue(record.chainSeq() <= headSeq);
        }
        assertTrue(records.get(0).chainSeq() < records.get(1).chainSeq());
        assertTrue(headSeq >= records.get(1).chainSeq() + 4, "the account, user and login records are chained too");

        var listed = check(PA.admin("GET", "api/v1/admin/audit?limit=5&subject="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8), null), 200);
        assertTrue(listed.body().contains("\"chainSeq\":" + records.get(0).chainSeq()), listed.body());
    }

    @Test
    void concurrentSealersKeepOneContiguousChain() throws Exception {
        String subject = "it-audit-race:" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int w = writer;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        audit.recordIndependently("it", "it.race", subject, Outcome.SUCCESS, w + "/" + i);
                    }
                    return null;
                }));
            }
            for (int s = 0; s < 2; s++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        sealer.sealPending();
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Object> chain = chain();
        assertEquals(true, chain.get("intact"), chain.toString());
        List<AuditRecord> records = audit.forSubject(subject);
        assertEquals(80, records.size());
        assertEquals(80, records.stream().map(AuditRecord::chainSeq).distinct().filter(seq -> seq != null).count());
    }

    @Test
    void aRecordChangedInTheDatabaseBreaksTheChainAtItsPosition() throws Exception {
        String subject = "it-audit-tamper:" + UUID.randomUUID();
        audit.record("it", "it.tamper", subject, Outcome.SUCCESS, "the original detail");
        audit.record("it", "it.after", subject, Outcome.SUCCESS, "a later record");
        assertEquals(true, chain().get("intact"));
        long seq = audit.forSubject(subject).get(0).chainSeq();

        String original = tamper.replaceDetail(seq, "the forged detail");
        try {
            Map<String, Object> chain = chain();
            assertEquals(false, chain.get("intact"), chain.toString());
            assertEquals(seq, number(chain, "firstBrokenSeq"));
            assertEquals(seq - 1, number(chain, "sealed"));
            assertFalse(((String) chain.get("problem")).isBlank());
        } finally {
            tamper.replaceDetail(seq, original);
        }
        assertEquals(true, chain().get("intact"), "the restored record verifies again");
    }

    @Test
    void onlyAdministratorsSeeTheChain() throws Exception {
        var response = Http.get(URI.create("https://localhost:" + System.getProperty("it.https.port")
                + "/api/v1/admin/audit/chain"));
        assertEquals(401, response.statusCode(), response.body());
        ProblemAssertions.assertProblem(PA.admin("GET", "api/v1/admin/audit?limit=0", null), 400,
                "urn:ietf:params:acme:error:malformed");
    }

    private static Map<String, Object> chain() throws Exception {
        return Http.json(check(PA.admin("GET", "api/v1/admin/audit/chain", null), 200));
    }

    private static long number(Map<String, Object> json, String name) {
        return ((Number) json.get(name)).longValue();
    }
}
