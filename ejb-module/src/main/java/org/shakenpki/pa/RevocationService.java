package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Revocation of SHAKEN certificates on the STI-PA CRL (ATIS-1000080 section 5.3.3; STI-PA test plan
 * TC-022 "SP can revoke an STI certificate"). Who may ask:
 * <ul>
 *   <li>an administrator, for any certificate;</li>
 *   <li>an STI-CA client, for any certificate (the STI-CA reports what it revoked);</li>
 *   <li>a service provider's API user, for its own certificates only: it sends the certificate with its
 *       chain, the chain must validate to an STI-CA on the trust list, and every SPC in the certificate's
 *       TNAuthList must belong to the caller's account.</li>
 * </ul>
 * Asking twice is not an error: the second request finds the entry and changes nothing, so a client that
 * retries after a lost response is safe.
 */
@Stateless
public class RevocationService {

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
    TrustListService trustList;

    @EJB
    AuditLog audit;

    public Result revoke(PaPrincipal caller, RevocationRequest request) {
        int reason = RevocationReasons.code(request.reason());
        X500Principal issuer;
        String serialHex;
        if (request.certificatePem() != null && !request.certificatePem().isBlank()) {
            List<X509Certificate> chain = parseChain(request.certificatePem());
            X509Certificate certificate = chain.get(0);
            if (caller.role() == UserRole.SP_API) {
                requireOwnCertificate(caller, chain);
            }
            issuer = certificate.getIssuerX500Principal();
            serialHex = certificate.getSerialNumber().toString(16);
        } else {
            if (caller.role() == UserRole.SP_API) {
                throw refused(caller, "a service provider revokes by sending the certificate and its chain");
            }
            issuer = parseIssuer(request.issuerDn());
            serialHex = parseSerial(request.serialHex());
        }
        String issuerName = canonical(issuer);
        List<Revocation> existing = em.createQuery(
                        "select r from Revocation r where r.issuerName = :issuer and r.serialHex = :serial", Revocation.class)
                .setParameter("issuer", issuerName).setParameter("serial", serialHex).getResultList();
        String subject = "certificate:" + issuerName + "#" + serialHex;
        if (!existing.isEmpty()) {
            audit.record(caller.userId(), "pa.revoke", subject, Outcome.SUCCESS, "already on the CRL");
            return new Result(false, issuer.getName(), serialHex, crls.latest().map(PublishedCrl::crlNumber).orElse(0L));
        }
        em.persist(new Revocation(issuer.getEncoded(), issuerName, serialHex, reason, OffsetDateTime.now(clock),
                caller.userId()));
        em.flush();
        PublishedCrl crl = crls.publish("revocation of " + serialHex);
        audit.record(caller.userId(), "pa.revoke", subject, Outcome.SUCCESS, "reason " + reason + ", CRL " + crl.crlNumber());
        return new Result(true, issuer.getName(), serialHex, crl.crlNumber());
    }

    /** All revocations, oldest first. */
    public List<Revocation> list() {
        return em.createQuery("select r from Revocation r order by r.id", Revocation.class).getResultList();
    }

    private void requireOwnCertificate(PaPrincipal caller, List<X509Certificate> chain) {
        X509Certificate certificate = chain.get(0);
        byte[] extension = certificate.getExtensionValue(TNAuthList.OID.getId());
        if (extension == null) {
            throw refused(caller, "the certificate has no TNAuthList");
        }
        TNAuthList list = TNAuthList.decode(org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets());
        Set<String> own = em.createQuery("select s.spc from ServiceProviderCode s where s.accountId = :account", String.class)
                .setParameter("account", caller.accountId()).getResultStream().collect(Collectors.toSet());
        if (list.spcs().isEmpty() || !own.containsAll(list.spcs())) {
            throw refused(caller, "the certificate's SPCs " + list.spcs() + " do not all belong to account " + caller.accountId());
        }
        validateToTrustList(caller, chain);
    }

    private void validateToTrustList(PaPrincipal caller, List<X509Certificate> chain) {
        Set<TrustAnchor> anchors = trustList.anchors().stream()
                .map(a -> new TrustAnchor(a.certificate(), null)).collect(Collectors.toSet());
        if (anchors.isEmpty()) {
            throw refused(caller, "the trust list is empty, so no certificate can be shown to be an STI-CA's");
        }
        try {
            List<X509Certificate> path = chain.stream()
                    .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            // An expired certificate may still be revoked (its key may be compromised): prove issuance at a time
            // it was valid.
            Date now = Date.from(clock.instant());
            Date notAfter = chain.get(0).getNotAfter();
            parameters.setDate(now.after(notAfter) ? notAfter : now);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (java.security.GeneralSecurityException e) {
            throw refused(caller, "the certificate chain does not validate to an STI-CA on the trust list: " + e.getMessage());
        }
    }

    private ProblemException refused(PaPrincipal caller, String why) {
        audit.recordIndependently(caller.userId(), "pa.revoke", "account:" + caller.accountId(), Outcome.REFUSED, why);
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }

    private static List<X509Certificate> parseChain(String pem) {
        try {
            return Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "certificate is not PEM: " + e.getMessage());
        }
    }

    private static X500Principal parseIssuer(String dn) {
        if (dn == null || dn.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED, "give certificate, or issuer and serialNumber");
        }
        try {
            return new X500Principal(new X500Name(dn).getEncoded());
        } catch (IllegalArgumentException | java.io.IOException e) {
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
