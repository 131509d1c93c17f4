package org.shakenpki.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.metrics.Metrics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seals committed audit records into the hash chain: under the lock of the chain head, each unsealed record in
 * id order gets the next position and {@link ChainHash#next its hash}, and the head moves to the last one.
 *
 * <p>Every node runs this every five seconds (a non-persistent timer, so each node has its own); the head's row
 * lock lets one node seal at a time and the others wait, then find nothing or only what was committed since.
 * Each batch is a transaction of its own, so a crash mid-batch leaves the records unsealed for the next run.
 * Business transactions never touch the head: they only insert unsealed records.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditSealer {
    /** Records sealed per transaction: keeps the head lock short while a backlog is worked off. */
    static final int BATCH = 500;
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "audit-sealer")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealOnSchedule() {
        try {
            sealPending();
        } catch (RuntimeException e) {
            // The next run retries; a lost race on the unique position is rolled back whole.
            Metrics.auditSealFailure();
            LOG.log(Level.WARNING, "sealing the audit chain failed; retrying at the next run", e);
        }
    }

    /**
     * Seals every record committed before this call (and possibly some committed during it), in batches.
     *
     * @return how many records this call sealed
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long sealPending() {
        AuditSealer self = context.getBusinessObject(AuditSealer.class);
        long total = 0;
        int sealed;
        do {
            sealed = sealBatchRetrying(self);
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    /**
     * A batch can fail when another node holds the head longer than the database waits for a lock (H2 gives up
     * after a second) or, should locking ever fail, on the unique position; its transaction is then rolled back
     * whole and is simply tried again.
     */
    private static int sealBatchRetrying(AuditSealer self) {
        for (int attempt = 1; ; attempt++) {
            try {
                return self.sealBatch();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.log(Level.FINE, "sealing batch failed, trying again", e);
            }
        }
    }

    /** Seals up to {@link #BATCH} records in one transaction; public only for the container's proxy. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sealBatch() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_chain_head has no row: the V5_1 migration did not run");
        }
        // Read after the lock: whatever another sealer sealed before releasing it is no longer unsealed.
        List<AuditRecord> pending = em.createQuery(
                        "select r from AuditRecord r where r.chainSeq is null order by r.id", AuditRecord.class)
                .setMaxResults(BATCH)
                .getResultList();
        long seq = head.seq();
        String hash = head.hash();
        for (AuditRecord record : pending) {
            seq++;
            hash = ChainHash.next(hash, record.entry(seq));
            record.seal(seq, hash);
        }
        if (!pending.isEmpty()) {
            head.advance(seq, hash, OffsetDateTime.now(clock));
        }
        return pending.size();
    }
}
