package org.shakenpki.pa;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STI-PA's certificates and HSM signers, read once from the database and the {@code pa} token.
 * They are created by {@link PaBootstrap} at first start and never change afterwards (a key rollover would
 * add rows, and the x5u URLs name certificates by serial so old tokens keep verifying).
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

    private final Map<PaCertificate.Purpose, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Map<PaCertificate.Purpose, Signer> signers = new ConcurrentHashMap<>();

    public X509Certificate certificate(PaCertificate.Purpose purpose) {
        return certificates.computeIfAbsent(purpose, p -> row(p).certificate());
    }

    public Signer signer(PaCertificate.Purpose purpose) {
        return signers.computeIfAbsent(purpose, p -> keyStore.token(TOKEN).signer(row(p).keyAlias()));
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
