package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.HsmContentSigner;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Issues the STI-PA CRL: one <em>indirect</em> X.509 v2 CRL (RFC 5280 section 5) covering the certificates
 * of every STI-CA, signed on the HSM by the dedicated STI-PA CRL signer (ATIS-1000080 section 6.3.3; the
 * cRLIssuer that SHAKEN certificates name in their CRL distribution point).
 *
 * <p>Each entry carries a critical certificateIssuer extension naming the STI-CA (RFC 5280 section 5.3.3),
 * the CRL a critical IssuingDistributionPoint with indirectCRL TRUE and the distribution point URL (section
 * 5.2.5), a CRL number and the CRL signer's key id. A new CRL is issued on every revocation and, by a timer,
 * when less than {@code shakenpki.pa.crl-reissue-before} (default 12 h) is left before nextUpdate
 * ({@code shakenpki.pa.crl-validity}, default 24 h). The CRL-number row lock serialises issuers across nodes.
 */
@Stateless
public class CrlPublisher {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    PaKeys keys;

    @EJB
    AuditLog audit;

    @Inject
    PaSettings settings;

    /** The URL the CRL is published at, as SPC-token responses and certificates name it. */
    public String crlUrl() {
        return settings.publicUrl() + "/download/v1/crl";
    }

    /** The latest CRL, if one was issued. */
    public Optional<PublishedCrl> latest() {
        return em.createQuery("select c from PublishedCrl c order by c.crlNumber desc", PublishedCrl.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * Locks the CRL number, as every CRL issuance does: a CRL-signer rollover takes it so that no CRL is being
     * signed with the old key while the new one takes over.
     */
    public void lockCrlNumber() {
        em.find(PaCounter.class, PaCounter.CRL_NUMBER, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Issues a new CRL with every revocation; called in the transaction that records a revocation. */
    public PublishedCrl publish(String reason) {
        PaCounter number = em.find(PaCounter.class, PaCounter.CRL_NUMBER, LockModeType.PESSIMISTIC_WRITE);
        return issue(number.next(), reason);
    }

    /** Issues the first CRL if none exists (first start). */
    public void publishIfMissing() {
        PaCounter number = em.find(PaCounter.class, PaCounter.CRL_NUMBER, LockModeType.PESSIMISTIC_WRITE);
        if (latest().isEmpty()) {
            issue(number.next(), "first CRL");
        }
    }

    /** Re-issues the CRL before its nextUpdate; every node runs this, the row lock lets one of them act. */
    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void publishIfDue() {
        if (!settings.enabled()) {
            return;
        }
        PaCounter number = em.find(PaCounter.class, PaCounter.CRL_NUMBER, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime threshold = OffsetDateTime.now(clock).plus(settings.crlReissueBefore());
        if (latest().map(crl -> crl.nextUpdate().isBefore(threshold)).orElse(true)) {
            issue(number.next(), "scheduled re-issue before nextUpdate");
        }
    }

    private PublishedCrl issue(long crlNumber, String why) {
        OffsetDateTime thisUpdate = OffsetDateTime.now(clock);
        OffsetDateTime nextUpdate = thisUpdate.plus(settings.crlValidity());
        List<Revocation> revocations = em.createQuery("select r from Revocation r order by r.id", Revocation.class)
                .getResultList();
        PaKeys.InUse signer = keys.inUse(PaCertificate.Purpose.CRL_SIGNER);
        X509Certificate signerCertificate = signer.certificate();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(signerCertificate.getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate.toInstant()));
            builder.setNextUpdate(Date.from(nextUpdate.toInstant()));
            for (Revocation revocation : revocations) {
                builder.addCRLEntry(new BigInteger(revocation.serialHex(), 16),
                        Date.from(revocation.revokedAt().toInstant()), entryExtensions(revocation));
            }
            GeneralNames crlUrl = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signerCertificate.getPublicKey()));
            builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                    new DistributionPointName(crlUrl), false, false, null, true, false));
            byte[] der = builder.build(new HsmContentSigner(signer.signer())).getEncoded();
            PublishedCrl crl = new PublishedCrl(crlNumber, der, thisUpdate, nextUpdate);
            em.persist(crl);
            audit.record("system", "pa.crl.issue", "crl:" + crlNumber, Outcome.SUCCESS,
                    revocations.size() + " entries; " + why);
            return crl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build CRL " + crlNumber, e);
        }
    }

    private static org.bouncycastle.asn1.x509.Extensions entryExtensions(Revocation revocation) throws IOException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        if (revocation.reason() != CRLReason.unspecified) {
            // RFC 5280 section 5.3.1: the unspecified reason is expressed by leaving the extension out
            extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(revocation.reason()));
        }
        extensions.addExtension(Extension.certificateIssuer, true, new GeneralNames(
                new GeneralName(X500Name.getInstance(revocation.issuerDer()))));
        return extensions.generate();
    }
}
