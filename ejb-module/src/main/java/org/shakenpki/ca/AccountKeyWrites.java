package org.shakenpki.ca;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * The two writes that bind a key to an ACME account, each in a transaction of its own so that losing a race
 * for a key is an answer, not a failure. The unique {@code key_thumbprint} column decides between simultaneous
 * newAccount requests with one key (RFC 8555 section 7.3.1) and keyChange requests to one key (section 7.3.5);
 * the loser's insert or update fails in its own transaction, which is rolled back quietly, and the caller, whose
 * transaction never saw the error (PostgreSQL refuses every statement after one), looks up the winner.
 */
@Stateless
public class AccountKeyWrites {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AuditLog audit;

    @Resource
    SessionContext context;

    /**
     * Stores the new account and its audit record; false when another account took the key first. With an EAB
     * key identifier, the account is bound to that key's subscriber in the same transaction, and only if the key
     * has bound no account yet (RFC 8555 section 7.3.4 lets the CA decide; here each EAB key binds one account).
     *
     * @param eabKid the verified EAB key identifier, or null for an account without a binding
     * @throws ProblemException UNAUTHORIZED when another account was bound with the EAB key first
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean create(AcmeAccount account, String eabKid) {
        try {
            em.persist(account);
            em.flush();
        } catch (PersistenceException e) {
            context.setRollbackOnly();
            return false;
        }
        if (eabKid != null) {
            int bound = em.createQuery("update EabKey k set k.boundAccount = :a, k.boundAt = :t where k.kid = :k and k.boundAccount is null")
                    .setParameter("a", account.id).setParameter("t", account.createdAt).setParameter("k", eabKid).executeUpdate();
            if (bound != 1) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "the External Account Binding key " + eabKid
                        + " is bound to another account");
            }
            audit.record("acme:" + account.id, "ca.account.bind", "acme-account:" + account.id, Outcome.SUCCESS,
                    "subscriber " + account.subscriberId + " by EAB kid " + eabKid);
        }
        audit.record("acme:" + account.id, "ca.account.create", "acme-account:" + account.id, Outcome.SUCCESS,
                "key " + account.keyThumbprint);
        return true;
    }

    /** Gives the account its new key and audits the rollover; false when another account took the key first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean changeKey(String accountId, String thumbprint, String jwk) {
        AcmeAccount account = em.find(AcmeAccount.class, accountId);
        String before = account.keyThumbprint;
        try {
            account.changeKey(thumbprint, jwk);
            em.flush();
        } catch (PersistenceException e) {
            context.setRollbackOnly();
            return false;
        }
        audit.record("acme:" + accountId, "ca.account.key-change", "acme-account:" + accountId, Outcome.SUCCESS,
                before + " -> " + thumbprint);
        return true;
    }
}
