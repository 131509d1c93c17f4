package org.shakenpki.pa;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The STI-PA's certificates and HSM signers: the ones in use ({@link PaCertificate}, made by {@link PaBootstrap} at
 * first start or imported, replaced by a {@link PaKeyRollover}) and the other published generations
 * ({@link PaCertificateGeneration}). The row in use is read from the database on every call, so that a rollover
 * activated on one node of a cluster is what every node signs with from then on; x5u URLs name certificates by
 * serial, so tokens signed before a rollover keep verifying.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PaKeys {
    /** The token of the STI-PA's keys. */
    static final String TOKEN = "pa";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    SecureKeyStore keyStore;

    @Inject
    Clock clock;

    /** The certificate and HSM signer in use for a purpose, read together so that they always belong together. */
    public record InUse(X509Certificate certificate, Signer signer) {
    }

    /** The certificate and signer in use for a purpose, from one read of its row. */
    public InUse inUse(PaCertificate.Purpose purpose) {
        PaCertificate row = row(purpose);
        return new InUse(row.certificate(), keyStore.token(TOKEN).signer(row.keyAlias()));
    }

    /** The certificate in use for a purpose. */
    public X509Certificate certificate(PaCertificate.Purpose purpose) {
        return row(purpose).certificate();
    }

    /** The HSM signer in use for a purpose. */
    public Signer signer(PaCertificate.Purpose purpose) {
        return keyStore.token(TOKEN).signer(row(purpose).keyAlias());
    }

    /**
     * Every certificate of a purpose that is published: the one in use first, then the staged one, then the
     * retired ones that have not expired, newest first.
     */
    public List<X509Certificate> published(PaCertificate.Purpose purpose) {
        List<X509Certificate> result = new ArrayList<>();
        result.add(certificate(purpose));
        Date now = Date.from(clock.instant());
        for (PaCertificateGeneration generation : generations(purpose)) {
            X509Certificate certificate = generation.certificate();
            if (generation.state() == PaCertificateGeneration.State.NEXT || certificate.getNotAfter().after(now)) {
                result.add(certificate);
            }
        }
        return result;
    }

    /** The published certificate of a signer (not the root) with this download name. */
    public Optional<X509Certificate> publishedSigner(String downloadName) {
        for (PaCertificate.Purpose purpose : List.of(PaCertificate.Purpose.TOKEN_SIGNER, PaCertificate.Purpose.CRL_SIGNER)) {
            for (X509Certificate certificate : published(purpose)) {
                if (downloadName(certificate).equals(downloadName)) {
                    return Optional.of(certificate);
                }
            }
        }
        return Optional.empty();
    }

    /** The generations of a purpose that are not in use: staged first, then retired, newest first (for this package). */
    public List<PaCertificateGeneration> generations(PaCertificate.Purpose purpose) {
        return em.createQuery("select g from PaCertificateGeneration g where g.purpose = :purpose"
                        + " order by g.state, g.changedAt desc", PaCertificateGeneration.class)
                .setParameter("purpose", purpose).getResultList();
    }

    /** The file name under {@code /download/v1/certificate/} of a certificate, as the x5u URLs name it. */
    public static String downloadName(X509Certificate certificate) {
        return "certificateId_" + certificate.getSerialNumber() + ".crt";
    }

    private PaCertificate row(PaCertificate.Purpose purpose) {
        PaCertificate row = em.find(PaCertificate.class, purpose);
        if (row == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the STI-PA keys are not set up yet");
        }
        return row;
    }
}
