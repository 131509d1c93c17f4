package org.shakenpki.kms;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.sks.KeyService;
import org.shakenpki.sks.SecureKeyStore;
import org.shredzone.acme4j.Session;

import java.security.KeyPair;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The SP-KMS's ACME account at each STI-CA, created once and reused (RFC 8555 section 7.3); its key lives
 * on the kms token and is never a certificate key (RFC 8555 section 11.1).
 */
@Stateless
public class AcmeAccounts {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AcmeAccounts.class.getName());
    private static final String ACTOR = "sp-kms";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KmsSettings settings;

    @EJB
    KeyService keys;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @Resource
    SessionContext context;

    /**
     * The account for a directory, registering one on first use, and again when the configured External Account
     * Binding key id is not the one the account was registered with: RFC 8555 section 7.3.4 binds an account only
     * in its newAccount request, so an SP-KMS given EAB credentials after its first order (an STI-CA that began to
     * require them) needs a new account to be bound to its subscriber. Network work runs outside a transaction.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeAccountRecord ensure(Session session, String directory) throws IssuanceFailure {
        Optional<KmsSettings.AcmeEab> eab = settings.acmeEab();
        String kid = eab.map(KmsSettings.AcmeEab::kid).orElse(null);
        AcmeAccountRecord existing = em.find(AcmeAccountRecord.class, directory);
        if (existing != null && existing.boundWith(kid)) {
            return existing;
        }
        String alias = "acme-account-" + UUID.randomUUID();
        KeyPair keyPair = self().createKey(alias);
        try {
            String accountUrl = AcmeOrdering.newAccount(session, keyPair, eab);
            return self().store(directory, alias, accountUrl, kid);
        } catch (IssuanceFailure | RuntimeException e) {
            self().dropKey(alias);
            AcmeAccountRecord raced = em.find(AcmeAccountRecord.class, directory);
            if (raced != null && raced.boundWith(kid)) {
                return raced;
            }
            if (existing != null) {
                // e.g. an EAB key that already bound the old account before its key id was recorded: keep using it
                LOG.warning("the SP-KMS keeps its ACME account " + existing.accountUrl() + " at " + directory
                        + ": a new one with the configured EAB key id " + kid + " was refused: " + e.getMessage());
                return existing;
            }
            throw e;
        }
    }

    /** The account key as JCA objects for acme4j. */
    public KeyPair keyPair(AcmeAccountRecord account) {
        return keyStore.token(CredentialStore.TOKEN).jcaKeyPair(account.keyAlias());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public KeyPair createKey(String alias) {
        keys.createKey(CredentialStore.TOKEN, alias, ACTOR);
        return keyStore.token(CredentialStore.TOKEN).jcaKeyPair(alias);
    }

    /**
     * Records the account registered for a directory, replacing the one registered with other EAB credentials (its
     * key stays on the token: certificates already issued do not depend on it, and nothing else may still sign with
     * it than a revocation by account key, RFC 8555 section 7.6).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AcmeAccountRecord store(String directory, String alias, String accountUrl, String eabKid) {
        AcmeAccountRecord replaced = em.find(AcmeAccountRecord.class, directory, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (replaced != null) {
            em.remove(replaced);
            em.flush();
        }
        AcmeAccountRecord record = new AcmeAccountRecord(directory, alias, accountUrl, OffsetDateTime.now(clock), eabKid);
        em.persist(record);
        audit.record(ACTOR, replaced == null ? "kms.acme-account.create" : "kms.acme-account.replace", "acme:" + directory,
                Outcome.SUCCESS, accountUrl + ", key " + alias + (eabKid == null ? ", no EAB" : ", EAB key id " + eabKid)
                        + (replaced == null ? "" : "; replaces " + replaced.accountUrl() + " (other EAB credentials)"));
        return record;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void dropKey(String alias) {
        keys.deleteKey(CredentialStore.TOKEN, alias, ACTOR);
    }

    /** This bean through the container, so the transaction attributes of its own methods apply. */
    private AcmeAccounts self() {
        return context.getBusinessObject(AcmeAccounts.class);
    }
}
