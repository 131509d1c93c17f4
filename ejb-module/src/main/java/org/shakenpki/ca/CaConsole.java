package org.shakenpki.ca;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the STI-CA console pages show its operator (docs/console.md), behind the STI-CA admin token ({@link CaAdmin}):
 * ACME orders (RFC 8555 section 7.1.3) and the certificates issued, found by an SPC of their TNAuthList (RFC 8226
 * section 9, ATIS-1000080 section 6.4.1) or by serial number, and the revocations with the state of their report to
 * the STI-PA ({@link RevocationOutbox}). Read only: revoking stays with ACME and the STI-PA.
 */
@Stateless
public class CaConsole {
    static final int MAX_ROWS = 100;
    private static final Pattern SPC = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern SERIAL = Pattern.compile("(0x)?[0-9A-Fa-f:]{1,80}");

    /** An order: its TNAuthList's SPCs (empty when it names numbers), status and certificate. */
    public record Order(String id, String accountId, String status, List<String> spcs, OffsetDateTime createdAt,
                        String certificateId, String error, String profile) {
    }

    /** An issued certificate. */
    public record Certificate(String id, String serialHex, String accountId, String orderId, String subject,
                              List<String> spcs, OffsetDateTime notBefore, OffsetDateTime notAfter,
                              OffsetDateTime revokedAt, Integer revocationReason) {
    }

    /** A revocation and its report to the STI-PA: delivered, or attempts, next attempt and last error. */
    public record Revocation(String certificateId, String serialHex, String reason, OffsetDateTime revokedAt,
                             int attempts, OffsetDateTime deliveredAt, OffsetDateTime nextAttemptAt, String lastError) {
        public String reportState() {
            return deliveredAt != null ? "reported" : attempts == 0 ? "waiting" : "retrying";
        }
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    CaAdmin admin;

    /**
     * The newest certificates, those whose TNAuthList names {@code spc} and/or with serial {@code serial} (hex; blank:
     * any), at most {@value #MAX_ROWS}.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token, MALFORMED for an SPC or serial that is none
     */
    public List<Certificate> certificates(String authorization, String spc, String serial) {
        admin.check(authorization);
        String wantedSpc = spc(spc);
        String wantedSerial = serial(serial);
        var query = wantedSerial == null
                ? em.createQuery("select c from IssuedCertificate c order by c.notBefore desc", IssuedCertificate.class)
                : em.createQuery("select c from IssuedCertificate c where c.serialHex = :s order by c.notBefore desc",
                        IssuedCertificate.class).setParameter("s", wantedSerial);
        return query.getResultStream().map(CaConsole::view)
                .filter(c -> wantedSpc == null || c.spcs().contains(wantedSpc))
                .limit(MAX_ROWS).toList();
    }

    /** The newest orders, those for {@code spc} when given, at most {@value #MAX_ROWS}. */
    public List<Order> orders(String authorization, String spc) {
        admin.check(authorization);
        String wantedSpc = spc(spc);
        return em.createQuery("select o from AcmeOrder o order by o.createdAt desc", AcmeOrder.class).getResultStream()
                .map(o -> new Order(o.id, o.accountId, o.status, spcsOf(o.identifier), o.createdAt, o.certificateId,
                        o.errorType == null ? null : o.errorType + ": " + o.errorDetail, o.profile))
                .filter(o -> wantedSpc == null || o.spcs().contains(wantedSpc))
                .limit(MAX_ROWS).toList();
    }

    /** The revoked certificates, newest first, with the state of their report to the STI-PA. */
    public List<Revocation> revocations(String authorization) {
        admin.check(authorization);
        return em.createQuery("select c from IssuedCertificate c where c.revokedAt is not null order by c.revokedAt desc",
                IssuedCertificate.class).setMaxResults(MAX_ROWS).getResultStream().map(c -> {
                    Optional<RevocationReport> report = em.createQuery(
                            "select r from RevocationReport r where r.certificateId = :c order by r.createdAt desc",
                            RevocationReport.class).setParameter("c", c.id).setMaxResults(1).getResultStream().findFirst();
                    return new Revocation(c.id, c.serialHex,
                            report.map(RevocationReport::reason).orElse("reason code " + c.revocationReason), c.revokedAt,
                            report.map(RevocationReport::attempts).orElse(0), report.map(RevocationReport::deliveredAt).orElse(null),
                            report.map(RevocationReport::nextAttemptAt).orElse(null), report.map(RevocationReport::lastError).orElse(null));
                }).toList();
    }

    private static Certificate view(IssuedCertificate c) {
        X509Certificate certificate = Pem.certificates(c.certificatePem).get(0);
        List<String> spcs = CertificateExtensions.tnAuthList(certificate).map(TNAuthList::spcs).orElse(List.of());
        return new Certificate(c.id, c.serialHex, c.accountId, c.orderId, certificate.getSubjectX500Principal().getName(),
                spcs, c.notBefore, c.notAfter, c.revokedAt, c.revocationReason);
    }

    private static List<String> spcsOf(String identifier) {
        try {
            return TNAuthList.fromBase64(identifier).spcs();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String spc(String spc) {
        if (spc == null || spc.isBlank()) {
            return null;
        }
        if (!SPC.matcher(spc.strip()).matches()) {
            throw new ProblemException(ProblemType.MALFORMED, "an SPC is 1 to 20 letters and digits");
        }
        return spc.strip();
    }

    /** The serial as stored ({@code BigInteger.toString(16)}): lower case, no leading zeros, colons and 0x dropped. */
    static String serial(String serial) {
        if (serial == null || serial.isBlank()) {
            return null;
        }
        if (!SERIAL.matcher(serial.strip()).matches()) {
            throw new ProblemException(ProblemType.MALFORMED, "a serial number is hexadecimal (colons allowed)");
        }
        String hex = serial.strip().replace(":", "");
        hex = hex.startsWith("0x") ? hex.substring(2) : hex;
        return new BigInteger(hex, 16).toString(16);
    }
}
