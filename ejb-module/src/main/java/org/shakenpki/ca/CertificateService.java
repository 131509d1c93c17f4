package org.shakenpki.ca;

import com.nimbusds.jose.util.Base64URL;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

/**
 * Certificate download (RFC 8555 section 7.4.2) and revocation (section 7.6), by the issuing account or by
 * the certificate's own key. A revocation is recorded and queued for the STI-PA revocation API.
 */
@Stateless
public class CertificateService {
    /** RFC 5280 section 5.3.1 reason codes accepted from subscribers, by name. */
    static final Map<Integer, String> REASONS = Map.of(0, "unspecified", 1, "keyCompromise", 3, "affiliationChanged",
            4, "superseded", 5, "cessationOfOperation", 9, "privilegeWithdrawn");

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AcmeGate gate;

    @EJB
    ChainRepository chains;

    @EJB
    RevocationOutbox outbox;

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    /** The PEM chain, leaf first, for the account that ordered it. */
    public String download(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        OrderService.requirePostAsGet(auth);
        IssuedCertificate certificate = em.find(IssuedCertificate.class, id);
        if (certificate == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no such certificate");
        }
        if (!certificate.accountId.equals(auth.account().id)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the certificate belongs to another account");
        }
        return chains.find(certificate.chainName).orElseThrow().pem();
    }

    /** revokeCert (section 7.6), signed by the issuing account ({@code kid}) or the certificate key ({@code jwk}). */
    public void revoke(AcmeRequest request) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.EITHER);
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        if (!(payload.get("certificate") instanceof String text)) {
            throw new ProblemException(ProblemType.MALFORMED, "revokeCert needs the certificate");
        }
        X509Certificate presented;
        try {
            presented = CertificateSigning.parse(new Base64URL(text).decode());
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the certificate is not base64url DER");
        }
        int reasonCode = 0;
        if (payload.get("reason") != null) {
            if (!(payload.get("reason") instanceof Number number) || !REASONS.containsKey(number.intValue())) {
                throw new ProblemException(ProblemType.BAD_REVOCATION_REASON, "accepted reason codes are " + REASONS.keySet());
            }
            reasonCode = number.intValue();
        }
        IssuedCertificate certificate = em.createQuery("select c from IssuedCertificate c where c.serialHex = :s", IssuedCertificate.class)
                .setParameter("s", presented.getSerialNumber().toString(16)).getResultStream()
                .filter(c -> Pem.encode(presented).equals(c.certificatePem)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.MALFORMED, "this CA did not issue the certificate"));
        boolean byAccount = auth.account() != null && auth.account().id.equals(certificate.accountId);
        boolean byKey = auth.account() == null
                && Arrays.equals(AcmeJws.publicJwkKey(auth.key()).getEncoded(), presented.getPublicKey().getEncoded());
        if (!byAccount && !byKey) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "only the issuing account or the certificate key may revoke it");
        }
        if (certificate.revokedAt != null) {
            throw new ProblemException(ProblemType.ALREADY_REVOKED, "the certificate is already revoked");
        }
        certificate.revoke(OffsetDateTime.now(clock), reasonCode);
        outbox.record(certificate, chains.find(certificate.chainName).orElseThrow().pem(), REASONS.get(reasonCode));
        audit.record(byAccount ? "acme:" + auth.account().id : "certificate-key", "ca.certificate.revoke",
                "certificate:" + certificate.serialHex, Outcome.SUCCESS, REASONS.get(reasonCode));
        Metrics.revocation(Metrics.STI_CA, true);
    }
}
