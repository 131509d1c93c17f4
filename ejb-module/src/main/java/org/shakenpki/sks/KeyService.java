package org.shakenpki.sks;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Key generation and destruction as part of the caller's JTA transaction, with an audit record.
 *
 * <p>A PKCS#11 token is not a transactional resource, so the transaction is kept whole by compensation:
 * a key created in a transaction that rolls back is destroyed after the rollback (no orphan key), and a key
 * whose deletion is requested is destroyed only once the transaction has committed (no dangling reference to
 * a lost key). The audit record is written in the same transaction, so it exists exactly when the change does.
 * That compensation runs in this JVM; the {@link KeyJournal} covers the JVM dying before it could run.
 */
@Stateless
public class KeyService {
    private static final Logger LOG = Logger.getLogger(KeyService.class.getName());

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @EJB
    KeyJournal journal;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Generates a P-256 key pair under {@code alias} on the token of {@code role}. */
    public KeyHandle createKey(String role, String alias, String actor) {
        KeyStoreToken token = keyStore.token(role);
        long intent = journal.intendCreate(role, alias);
        KeyHandle key;
        try {
            key = token.createKey(alias);
        } catch (RuntimeException e) {
            // Nothing was generated (the alias exists, or the token failed): the entry must not later destroy
            // a key of that alias that was there before.
            journal.remove(intent);
            throw e;
        }
        journal.settle(intent);
        transaction.registerInterposedSynchronization(afterCompletion(status -> {
            if (status != Status.STATUS_COMMITTED) {
                LOG.info(() -> "transaction rolled back: destroying key " + role + ":" + alias);
                token.deleteKey(alias);
            }
        }));
        audit.record(actor, "sks.key.create", role + ":" + alias, Outcome.SUCCESS, "EC P-256, non-extractable");
        return key;
    }

    /**
     * Imports an HMAC-SHA256 key under {@code alias} on the token of {@code role} ({@link MacKeys}), as part of the
     * caller's transaction like {@link #createKey}: destroyed again if the transaction rolls back (the STI-CA's EAB
     * key whose database row did not commit), journalled in case the JVM dies first.
     */
    public void importMacKey(String role, String alias, byte[] key, String actor) {
        KeyStoreToken token = keyStore.token(role);
        if (!(token instanceof MacKeys macKeys)) {
            throw new IllegalStateException("the " + role + " token cannot hold MAC keys");
        }
        long intent = journal.intendCreate(role, alias);
        try {
            macKeys.importMacKey(alias, key);
        } catch (RuntimeException e) {
            journal.remove(intent);
            throw e;
        }
        journal.settle(intent);
        transaction.registerInterposedSynchronization(afterCompletion(status -> {
            if (status != Status.STATUS_COMMITTED) {
                LOG.info(() -> "transaction rolled back: destroying MAC key " + role + ":" + alias);
                token.deleteKey(alias);
            }
        }));
        audit.record(actor, "sks.key.import", role + ":" + alias, Outcome.SUCCESS, "HMAC-SHA256, sensitive, non-extractable");
    }

    /** Destroys the key pair under {@code alias} once the current transaction commits. */
    public void deleteKey(String role, String alias, String actor) {
        KeyStoreToken token = keyStore.token(role);
        if (token.findKey(alias).isEmpty()) {
            return;
        }
        journal.intendDestroy(role, alias);
        transaction.registerInterposedSynchronization(afterCompletion(status -> {
            if (status == Status.STATUS_COMMITTED) {
                token.deleteKey(alias);
            }
        }));
        audit.record(actor, "sks.key.delete", role + ":" + alias, Outcome.SUCCESS, "");
    }

    private static Synchronization afterCompletion(java.util.function.IntConsumer action) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    action.accept(status);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "key compensation failed; check the token for an orphan key", e);
                }
            }
        };
    }
}
