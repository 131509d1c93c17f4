package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Revocation of SHAKEN certificates on the STI-PA CRL (ATIS-1000080 section 5.3.3; STI-PA test plan TC-022 "SP
 * can revoke an STI certificate"), as authorise, act, audit. Who may revoke what is {@link RevocationAuthority}:
 * an administrator any certificate, an STI-CA user only certificates that validate to its bound STI-CA root,
 * a service provider's API user only certificates whose validated end-entity carries only its account's SPCs,
 * a verifier nothing. A certificate sent as PEM is identified by its validated path, never by the first PEM
 * block alone; a refusal is a 403 with an audit record that survives the rollback.
 *
 * <p>Asking twice is not an error: the second request finds the entry and changes nothing, so a client that
 * retries after a lost response is safe.
 */
@Stateless
public class RevocationService {
    private static final String ACTION = "pa.revoke";

    /** What a revocation did. */
    public record Result(boolean newlyRevoked, String issuer, String serialHex, long crlNumber) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    CrlPublisher crls;


    @EJB
    PaAuthorization authorization;

    @EJB
    AuditLog audit;

    public Result revoke(PaPrincipal caller, RevocationRequest request) {
        boolean certificateSent = request.certificatePem() != null && !request.certificatePem().isBlank();
        RevocationAuthority.Caller who = caller(caller);
        X500Principal issuer;
        String serialHex;
        try {
            RevocationAuthority.admit(who, certificateSent);
            if (certificateSent) {
                List<X509Certificate> chain = parseChain(request.certificatePem());
                RevocationAuthority.Target target = RevocationAuthority.authorise(who, chain,
                        RevocationAuthority.anchorsFor(who, TrustListService.all(em)), clock.instant());
                issuer = target.issuer();
                serialHex = target.serial().toString(16);
            } else {
                issuer = parseIssuer(request.issuerDn());
                serialHex = parseSerial(request.serialHex());
            }
        } catch (RevocationAuthority.Refusal refusal) {
            throw authorization.refuse(caller, ACTION, "user:" + caller.userId(), refusal.getMessage());
        }
        int reason = RevocationReasons.code(request.reason());
        String issuerName = canonical(issuer);
        List<Revocation> existing = em.createQuery(
                        "select r from Revocation r where r.issuerName = :issuer and r.serialHex = :serial", Revocation.class)
                .setParameter("issuer", issuerName).setParameter("serial", serialHex).getResultList();
        String subject = "certificate:" + issuerName + "#" + serialHex;
        if (!existing.isEmpty()) {
            audit.record(caller.userId(), ACTION, subject, Outcome.SUCCESS, "already on the CRL");
            Metrics.revocation(Metrics.STI_PA, false);
            return new Result(false, issuer.getName(), serialHex, crls.latest().map(PublishedCrl::crlNumber).orElse(0L));
        }
        em.persist(new Revocation(issuer.getEncoded(), issuerName, serialHex, reason, OffsetDateTime.now(clock),
                caller.userId()));
        em.flush();
        PublishedCrl crl = crls.publish("revocation of " + serialHex);
        audit.record(caller.userId(), ACTION, subject, Outcome.SUCCESS, "reason " + reason + ", CRL " + crl.crlNumber());
        Metrics.revocation(Metrics.STI_PA, true);
        return new Result(true, issuer.getName(), serialHex, crl.crlNumber());
    }

    /** All revocations, oldest first: for administrators. */
    public List<Views.Revoked> list(PaPrincipal caller) {
        authorization.requireAdmin(caller, "pa.revocation.list", "revocations");
        return em.createQuery("select r from Revocation r order by r.id", Revocation.class).getResultStream()
                .map(Views.Revoked::of).toList();
    }

    /** The CRL now published, with its number of entries: for administrators. */
    public java.util.Optional<Views.CrlStatus> currentCrl(PaPrincipal caller) {
        authorization.requireAdmin(caller, "pa.crl.read", "crl");
        long entries = em.createQuery("select count(r) from Revocation r", Long.class).getSingleResult();
        return crls.latest().map(c -> new Views.CrlStatus(c.crlNumber(), c.thisUpdate(), c.nextUpdate(), (int) entries));
    }

    /** The caller as the policy sees it, read from the database now (a binding may have changed since login). */
    private RevocationAuthority.Caller caller(PaPrincipal caller) {
        PaUser user = em.find(PaUser.class, caller.userId());
        boolean provider = caller.role() == UserRole.SP_API || caller.role() == UserRole.SP_ADMIN;
        Set<String> spcs = !provider || caller.accountId() == null ? Set.of()
                : em.createQuery("select s.spc from ServiceProviderCode s where s.accountId = :account", String.class)
                .setParameter("account", caller.accountId()).getResultStream().collect(Collectors.toSet());
        return new RevocationAuthority.Caller(caller.role(), spcs, user == null ? null : user.caFingerprint());
    }

    private static List<X509Certificate> parseChain(String pem) {
        try {
            return Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "certificate is not PEM: " + e.getMessage());
        }
    }

    /**
     * The issuer as RFC 4514 writes a DN (most specific RDN first, as {@code X500Principal.getName()} prints it):
     * the JDK's parser keeps the order of the certificate's own name. (BouncyCastle's {@code X500Name(String)}
     * encodes the RDNs in the order written, the reverse, so the CRL entry named no certificate.)
     */
    static X500Principal parseIssuer(String dn) {
        if (dn == null || dn.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED, "give certificate, or issuer and serialNumber");
        }
        try {
            return new X500Principal(dn.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "issuer is not a distinguished name: " + dn);
        }
    }

    private static String parseSerial(String hex) {
        if (hex == null || !hex.strip().matches("(?i)(0x)?[0-9a-f:]{1,80}")) {
            throw new ProblemException(ProblemType.MALFORMED, "serialNumber must be hexadecimal");
        }
        String digits = hex.strip().replaceFirst("(?i)^0x", "").replace(":", "");
        BigInteger serial = new BigInteger(digits, 16);
        if (serial.signum() <= 0) {
            throw new ProblemException(ProblemType.MALFORMED, "serialNumber must be positive");
        }
        return serial.toString(16);
    }

    /** One spelling per name, so the same issuer written two ways is one issuer. */
    private static String canonical(X500Principal issuer) {
        return issuer.getName(X500Principal.CANONICAL);
    }

}
