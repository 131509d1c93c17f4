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
import java.util.UUID;

/**
 * The SP-KMS's ACME account at each STI-CA, created once and reused (RFC 8555 section 7.3); its key lives
 * on the kms token and is never a certificate key (RFC 8555 section 11.1).
 */
@Stateless
public class AcmeAccounts {
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

    /** The account for a directory, registering one on first use. Network work runs outside a transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeAccountRecord ensure(Session session, String directory) throws IssuanceFailure {
        AcmeAccountRecord existing = em.find(AcmeAccountRecord.class, directory);
        if (existing != null) {
            return existing;
        }
        String alias = "acme-account-" + UUID.randomUUID();
        KeyPair keyPair = self().createKey(alias);
        try {
            String accountUrl = AcmeOrdering.newAccount(session, keyPair, settings.acmeEab());
            return self().store(directory, alias, accountUrl);
        } catch (IssuanceFailure | RuntimeException e) {
            self().dropKey(alias);
            AcmeAccountRecord raced = em.find(AcmeAccountRecord.class, directory);
            if (raced != null) {
                return raced;
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AcmeAccountRecord store(String directory, String alias, String accountUrl) {
        AcmeAccountRecord record = new AcmeAccountRecord(directory, alias, accountUrl, OffsetDateTime.now(clock));
        em.persist(record);
        audit.record(ACTOR, "kms.acme-account.create", "acme:" + directory, Outcome.SUCCESS, accountUrl + ", key " + alias);
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
