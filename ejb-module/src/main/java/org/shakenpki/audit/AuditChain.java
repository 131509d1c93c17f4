package org.shakenpki.audit;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies the audit chain: walks the sealed records in position order, a batch at a time, and checks with
 * {@link ChainVerifier} that no position is missing or moved and that every hash recomputes up to the chain
 * head. A break is proof that a sealed record was changed, deleted or reordered in the database.
 */
@Stateless
public class AuditChain {
    /** Records read per query while walking the chain. */
    static final int PAGE = 1000;
    private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AuditSealer sealer;

    /**
     * Walks the chain as sealed when the call starts: positions sealed meanwhile are left for the next call.
     * Runs outside a transaction so a long walk holds no database resources between its reads.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerification verify() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID);
        if (head == null) {
            throw new IllegalStateException("audit_chain_head has no row: the V5_1 migration did not run");
        }
        long headSeq = head.seq();
        String headHash = head.hash();
        ChainVerifier verifier = new ChainVerifier();
        long after = 0;
        while (after < headSeq) {
            List<AuditRecord> page = em.createQuery("select r from AuditRecord r where r.chainSeq > :after"
                            + " and r.chainSeq <= :head order by r.chainSeq", AuditRecord.class)
                    .setParameter("after", after)
                    .setParameter("head", headSeq)
                    .setMaxResults(PAGE)
                    .getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord record : page) {
                if (!verifier.accept(record.entry(record.chainSeq()))) {
                    return verifier.result(headSeq, headHash, unsealed());
                }
            }
            after = page.get(page.size() - 1).chainSeq();
        }
        return verifier.result(headSeq, headHash, unsealed());
    }

    /** Seals what is pending first ({@link AuditSealer#sealPending()}), then verifies: the administrator's check. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerification sealAndVerify() {
        try {
            sealer.sealPending();
        } catch (RuntimeException e) {
            // Another node keeps the head busy: what it has not sealed yet is reported as unsealed.
            LOG.log(Level.WARNING, "sealing before verification failed; verifying what is sealed", e);
        }
        return verify();
    }

    /** Committed records the sealer has not reached yet. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long unsealed() {
        return em.createQuery("select count(r) from AuditRecord r where r.chainSeq is null", Long.class)
                .getSingleResult();
    }
}
