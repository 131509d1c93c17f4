package org.shakenpki.sks;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The write-ahead journal that makes HSM key changes crash-safe. {@link KeyService} keeps a key change and the
 * caller's transaction whole by compensation after the transaction ends, but that compensation runs in the JVM:
 * a node killed between generating a key and committing its transaction would leave a key no row names, and a
 * node killed between committing a deletion and carrying it out would keep a key the database says is gone.
 *
 * <p>So a {@link KeyJournalEntry.Operation#CREATE CREATE} entry is committed on its own before the key is
 * generated, and the caller's transaction deletes it: an entry older than any transaction can run belongs to a
 * transaction that never committed, and its key is destroyed ({@link KeyJournalSweeper}). A
 * {@link KeyJournalEntry.Operation#DESTROY DESTROY} entry commits with the decision to delete and is removed
 * once the key is gone.
 */
@Stateless
public class KeyJournal {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    /** Records, in a transaction of its own, that a key is about to be generated. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long intendCreate(String role, String alias) {
        KeyJournalEntry entry = new KeyJournalEntry(role, alias, KeyJournalEntry.Operation.CREATE, OffsetDateTime.now(clock));
        em.persist(entry);
        em.flush();
        return entry.id();
    }

    /** In the caller's transaction: the key is kept if, and only if, this commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void settle(long entryId) {
        KeyJournalEntry entry = em.find(KeyJournalEntry.class, entryId);
        if (entry != null) {
            em.remove(entry);
        }
    }

    /** In the caller's transaction: the key is to be destroyed once this commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void intendDestroy(String role, String alias) {
        em.persist(new KeyJournalEntry(role, alias, KeyJournalEntry.Operation.DESTROY, OffsetDateTime.now(clock)));
    }

    /** Forgets an entry whose key change has been carried out or undone; false if another node was first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean remove(long entryId) {
        return em.createQuery("delete from KeyJournalEntry e where e.id = :id").setParameter("id", entryId).executeUpdate() == 1;
    }

    /**
     * The entries to carry out: every committed deletion, and the creations recorded before {@code abandonedBefore}
     * (whose transactions can no longer commit).
     */
    public List<KeyJournalEntry> outstanding(OffsetDateTime abandonedBefore) {
        return em.createQuery("select e from KeyJournalEntry e where e.operation = :destroy or e.recordedAt < :cutoff order by e.id",
                        KeyJournalEntry.class)
                .setParameter("destroy", KeyJournalEntry.Operation.DESTROY)
                .setParameter("cutoff", abandonedBefore)
                .setMaxResults(500)
                .getResultList();
    }

    /** The entries about one key, for the tests and for an operator's query. */
    public List<KeyJournalEntry> forKey(String role, String alias) {
        return em.createQuery("select e from KeyJournalEntry e where e.role = :role and e.alias = :alias order by e.id",
                        KeyJournalEntry.class)
                .setParameter("role", role)
                .setParameter("alias", alias)
                .getResultList();
    }
}
