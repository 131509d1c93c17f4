package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.sks.KeyService;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state changes of the SP-KMS's delegate CAs and the certificates issued under them, each one short
 * transaction with its audit record (the network work of {@link DelegateAuthority} runs between them). Delegate CA
 * keys are made and destroyed on the {@value #TOKEN} token through {@link KeyService}; an end-entity's chain is
 * published in the STI-CR ({@link ChainRepository}) in the same transaction that records it, so a recorded
 * certificate always has its x5u.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DelegateStore {
    /** The token of the delegate CA keys: apart from the signing keys ({@code kms}). */
    public static final String TOKEN = "kms-delegate";
    private static final String ACTOR = "sp-kms";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    KeyService keys;

    @EJB
    ChainRepository chains;

    @EJB
    AuditLog audit;

    public Optional<DelegateCa> ca(String spc) {
        return Optional.ofNullable(spc == null ? null : em.find(DelegateCa.class, spc));
    }

    public List<DelegateCa> cas() {
        return em.createQuery("select d from DelegateCa d order by d.spc", DelegateCa.class).getResultList();
    }

    public List<DelegateCertificate> certificates(String spc) {
        return em.createQuery("select c from DelegateCertificate c where c.delegateSpc = :spc order by c.createdAt",
                DelegateCertificate.class).setParameter("spc", spc).getResultList();
    }

    public Optional<DelegateCertificate> certificate(String serialHex) {
        return Optional.ofNullable(serialHex == null ? null : em.find(DelegateCertificate.class, serialHex));
    }

    /** Generates the delegate CA key of an SPC on the {@value #TOKEN} token; the caller records or deletes it. */
    public String createKey(String actor, String spc) {
        String alias = "delegate-" + spc + "-" + UUID.randomUUID();
        keys.createKey(TOKEN, alias, actor);
        return alias;
    }

    /** Destroys a delegate CA key whose certificate was not obtained. */
    public void deleteKey(String actor, String alias, String why) {
        keys.deleteKey(TOKEN, alias, actor);
        audit.record(actor, "kms.delegate-ca.create", "key:" + alias, Outcome.FAILURE, why);
    }

    public DelegateCa saveCa(String actor, DelegateCa ca) {
        em.persist(ca);
        audit.record(actor, "kms.delegate-ca.create", subject(ca.spc()), Outcome.SUCCESS, "serial " + ca.serialHex()
                + ", key " + TOKEN + ":" + ca.keyAlias() + ", numbers " + ca.numbers() + ", x5u " + ca.certificateUrl());
        return ca;
    }

    /** Records an issued end-entity certificate and publishes its chain in the STI-CR under a new name. */
    public DelegateCertificate saveCertificate(String actor, String spc, String holder, TNAuthList list, String serialHex,
                                               String chainPem, String crUrl, OffsetDateTime notAfter) {
        String name = "delegate-" + UUID.randomUUID();
        chains.store(name, chainPem);
        DelegateCertificate certificate = new DelegateCertificate(serialHex, spc, holder, list, chainPem,
                ChainRepository.url(crUrl, name), notAfter, OffsetDateTime.now(clock));
        em.persist(certificate);
        audit.record(actor, "kms.delegate.issue", subject(spc), Outcome.SUCCESS, "serial " + serialHex + " for " + holder
                + ", " + list + ", x5u " + certificate.certificateUrl());
        return certificate;
    }

    public DelegateCertificate revoked(String actor, String serialHex, String reason) {
        DelegateCertificate certificate = em.find(DelegateCertificate.class, serialHex);
        certificate.revoked(reason, OffsetDateTime.now(clock));
        audit.record(actor, "kms.delegate.revoke", subject(certificate.delegateSpc()), Outcome.SUCCESS,
                "serial " + serialHex + ", reason " + reason);
        return certificate;
    }

    public DelegateCertificate reported(String actor, String serialHex, boolean accepted, String outcome) {
        DelegateCertificate certificate = em.find(DelegateCertificate.class, serialHex);
        certificate.reported(outcome);
        audit.record(actor, "kms.delegate.report", subject(certificate.delegateSpc()),
                accepted ? Outcome.SUCCESS : Outcome.FAILURE, "serial " + serialHex + ": " + outcome);
        return certificate;
    }

    /** Audits a refused request in a transaction of its own (the caller's is not committed). */
    public void refused(String actor, String action, String spc, String why) {
        audit.record(actor, action, subject(spc), Outcome.REFUSED, why);
    }

    static String subject(String spc) {
        return "delegate:" + spc;
    }

    static String actor() {
        return ACTOR;
    }
}
