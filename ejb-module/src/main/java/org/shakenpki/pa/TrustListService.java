package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of approved STI-CAs (ATIS-1000080 section 5.3.1; STI-PA test plan TC-018/020), published as the
 * deployed STI-PA's {@code caList} JWT: payload {@code {"version":"1.0","sequence","exp","trustList":[PEM...]}}
 * signed by the STI-PA token signer. {@code sequence} grows with every change and is kept in the database,
 * so every node publishes the same number. Lifetime {@code shakenpki.pa.trust-list-lifetime} (default 24 h).
 * Changing and listing the roots is for administrators, reading the signed list for any STI-PA user
 * ({@link PaAuthorization}).
 */
@Stateless
public class TrustListService {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    PaJwtSigner jwt;

    @EJB
    AuditLog audit;

    @EJB
    PaAuthorization authorization;

    @EJB
    LocalStiCa localStiCa;

    @Inject
    PaSettings settings;

    /** The STI-CA roots on the trust list, for administrators. */
    public List<Views.Anchor> anchors(PaPrincipal caller) {
        authorization.requireAdmin(caller, "pa.trust-list.read", "trust-list");
        return all(em).stream().map(Views.Anchor::of).toList();
    }

    /** The roots, for the STI-PA's own checks (revocation); callers of the API go through {@link #anchors}. */
    static List<TrustAnchor> all(EntityManager em) {
        return em.createQuery("select a from TrustAnchor a order by a.addedAt, a.fingerprint", TrustAnchor.class).getResultList();
    }

    /**
     * Adds an STI-CA root; adding one that is already there changes nothing. If it is the root of the STI-CA in
     * this deployment, that STI-CA's revocation user is bound to it ({@link LocalStiCa#bindIfApproved}).
     */
    public Views.Anchor add(PaPrincipal admin, String pem) {
        authorization.requireAdmin(admin, "pa.trust-list.add", "trust-list");
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "certificate is not PEM: " + e.getMessage());
        }
        if (certificates.size() != 1) {
            throw new ProblemException(ProblemType.MALFORMED, "send exactly one STI-CA root certificate");
        }
        X509Certificate root = certificates.get(0);
        if (root.getBasicConstraints() < 0) {
            throw new ProblemException(ProblemType.MALFORMED, "the certificate is not a CA certificate");
        }
        String fingerprint = fingerprint(root);
        TrustAnchor existing = em.find(TrustAnchor.class, fingerprint);
        if (existing != null) {
            localStiCa.bindIfApproved(admin.userId());
            return Views.Anchor.of(existing);
        }
        TrustAnchor anchor = new TrustAnchor(fingerprint, root.getSubjectX500Principal().getName(), der(root),
                OffsetDateTime.now(clock));
        em.persist(anchor);
        long sequence = nextSequence();
        audit.record(admin.userId(), "pa.trust-list.add", "sti-ca:" + fingerprint, Outcome.SUCCESS,
                anchor.subject() + "; sequence " + sequence);
        em.flush();
        localStiCa.bindIfApproved(admin.userId());
        return Views.Anchor.of(anchor);
    }

    /** Removes an STI-CA root by its SHA-256 fingerprint (hex). STI_CA users bound to it can no longer revoke. */
    public void remove(PaPrincipal admin, String fingerprint) {
        authorization.requireAdmin(admin, "pa.trust-list.remove", "sti-ca:" + fingerprint);
        TrustAnchor anchor = em.find(TrustAnchor.class, normalise(fingerprint));
        if (anchor == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no STI-CA with fingerprint " + fingerprint + " on the trust list");
        }
        em.remove(anchor);
        long sequence = nextSequence();
        audit.record(admin.userId(), "pa.trust-list.remove", "sti-ca:" + anchor.fingerprint(), Outcome.SUCCESS,
                anchor.subject() + "; sequence " + sequence);
    }

    /** The signed trust list as of now, for any authenticated STI-PA user (the deployed STI-PA's {@code ca-list}). */
    public String caList(PaPrincipal caller) {
        authorization.requireAuthenticated(caller, "pa.trust-list.read", "ca-list");
        PaCounter sequence = em.find(PaCounter.class, PaCounter.TRUST_LIST_SEQUENCE);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("version", "1.0");
        claims.put("sequence", sequence.current());
        claims.put("exp", clock.instant().plus(settings.trustListLifetime()).getEpochSecond());
        claims.put("trustList", all(em).stream().map(a -> Pem.encode(a.certificate())).toList());
        return jwt.sign(claims);
    }

    private long nextSequence() {
        return em.find(PaCounter.class, PaCounter.TRUST_LIST_SEQUENCE, LockModeType.PESSIMISTIC_WRITE).next();
    }

    /** A fingerprint as people write it (either case, with or without colons) in the stored form. */
    static String normalise(String fingerprint) {
        return fingerprint == null ? "" : fingerprint.strip().toLowerCase(java.util.Locale.ROOT).replace(":", "");
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
