package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.VerifiedSubject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Issues the certificate of a ready order (ATIS-1000080 v005 section 6.4.1): subject {@code C, O, CN=SHAKEN
 * <SPC>} with the bound subscriber's verified attributes (CSR subjects are not copied; a disagreeing one is ignored
 * or refused, {@link CsrSubject}), validity of the order's ACME profile ({@link AcmeProfiles}) capped by the order's
 * {@code notAfter} and the issuer's validity, the profile's extensions only. The to-be-signed certificate is linted
 * first, its subject against the subscriber record too; only a conforming one is signed by the HSM. The chain (leaf,
 * intermediate) is published in the STI-CR.
 */
@Stateless
public class CertificateIssuer {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    CaHierarchy hierarchy;

    @EJB
    ChainRepository chains;

    @EJB
    AuditLog audit;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    public IssuedCertificate issue(AcmeOrder order, CsrCheck.Accepted csr) {
        long started = System.nanoTime();
        CaHierarchy.Issuer issuer = hierarchy.issuer();
        X509Certificate intermediate = issuer.intermediate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Validity validity = Validity.of(now, order.notBefore == null ? null : order.notBefore.toInstant(),
                order.notAfter == null ? null : order.notAfter.toInstant(), AcmeProfiles.of(settings).require(order.profile).validity(),
                intermediate.getNotAfter().toInstant());
        Instant notBefore = validity.notBefore();
        Instant notAfter = validity.notAfter();
        List<String> spcs = csr.tnAuthList().spcs();
        String cn = spcs.isEmpty() ? "SHAKEN delegate" : "SHAKEN " + spcs.get(0);
        Verified verified = verified(order);
        List<String> ignored = CsrSubject.apply(settings.csrSubjectMismatch(), csr.requestedSubject(), verified.subject(), cn,
                verified.whose());
        VerifiedSubject attributes = verified.subject();
        X500Name subject = CertificateProfiles.name(attributes.c(), attributes.st(), attributes.l(), attributes.o(), attributes.ou(), cn);
        TBSCertificate tbs = CertificateProfiles.subscriber(X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                intermediate.getPublicKey(), subject, csr.publicKey(), notBefore, notAfter, hierarchy.crlPoint(),
                csr.tnAuthList(), csr.ca(), csr.claimConstraints());
        X509Certificate certificate;
        try {
            certificate = CertificateSigning.lintAndSign(tbs, csr.ca() ? ShakenProfile.Kind.DELEGATE_CA
                    : ShakenProfile.Kind.END_ENTITY, attributes, issuer.signer());
        } catch (CertificateSigning.ProfileViolation e) {
            throw new ProblemException(ProblemType.BAD_CSR, "the certificate would not conform to the SHAKEN profile: "
                    + String.join("; ", e.violations()));
        }
        String chainName = Ids.random();
        chains.store(chainName, Pem.encode(List.of(certificate, intermediate)));
        IssuedCertificate issued = new IssuedCertificate(Ids.random(), certificate.getSerialNumber().toString(16), order,
                Pem.encode(certificate), chainName, OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC));
        em.persist(issued);
        audit.record("acme:" + order.accountId, "ca.certificate.issue", "certificate:" + issued.serialHex, Outcome.SUCCESS,
                certificate.getSubjectX500Principal().getName() + (csr.ca() ? " (delegate CA)" : "") + ", subject from "
                        + verified.whose() + (ignored.isEmpty() ? "" : "; CSR subject not copied: " + String.join("; ", ignored)));
        Metrics.issuance(started);
        return issued;
    }

    /** The verified subject attributes of an order's certificate, and whose they are (for details and audit). */
    record Verified(VerifiedSubject subject, String whose) {
    }

    /**
     * The subject from what the STI-CA verified (ATIS-1000080 section 6.4.1: the optional DN attributes SHOULD be
     * validated claims about the provider): the bound subscriber's O and optional attributes, C defaulting to
     * {@code shakenpki.ca.subject-c}; for an account bound to no subscriber, the configured C and O.
     */
    private Verified verified(AcmeOrder order) {
        AcmeAccount account = em.find(AcmeAccount.class, order.accountId);
        CaSubscriber subscriber = account == null ? null : SubscriberScope.of(em, account);
        if (subscriber == null) {
            return new Verified(new VerifiedSubject(settings.subjectC(), null, null, settings.subjectO(), null),
                    "the STI-CA's configuration (the account is bound to no subscriber)");
        }
        SubscriberInfo.Subject s = subscriber.info().subject();
        return new Verified(new VerifiedSubject(s.c() != null ? s.c() : settings.subjectC(), s.st(), s.l(), s.o(), s.ou()),
                "subscriber " + subscriber.id);
    }
}
