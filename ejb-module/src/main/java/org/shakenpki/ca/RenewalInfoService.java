package org.shakenpki.ca;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * ACME Renewal Information at the STI-CA (RFC 9773): the renewalInfo resource of a certificate it issued (section
 * 4.1, unauthenticated), its suggested window (section 4.2: {@link RenewalWindow#standard}, one the operator pulled
 * forward, or for a revoked certificate a window that ended when it was revoked) with Retry-After (section 4.3), and
 * the checks on a newOrder's {@code replaces} (section 5).
 */
@Stateless
public class RenewalInfoService {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    /**
     * The renewal information of the certificate a certID names.
     *
     * @throws ProblemException MALFORMED (400) for a text that is no certID, NOT_FOUND (404) for a certificate this
     *                          STI-CA did not issue
     */
    public Views.RenewalInfo renewalInfo(String certId) {
        AriCertId id = parse(certId, "the certID");
        IssuedCertificate certificate = find(id, LockModeType.NONE).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "this STI-CA issued no certificate with the certID " + id));
        RenewalWindow window = window(certificate);
        return new Views.RenewalInfo(window.start(), window.end(), certificate.ariExplanationUrl, settings.ariRetryAfter());
    }

    /** The window a certificate's renewalInfo suggests. */
    static RenewalWindow window(IssuedCertificate certificate) {
        if (certificate.revokedAt != null) {
            // a revoked certificate is replaced at once (RFC 9773 section 4.2, step 3)
            return RenewalWindow.pulledForward(certificate.revokedAt.toInstant(), certificate.revokedAt.toInstant());
        }
        if (certificate.ariWindowStart != null && certificate.ariWindowEnd != null) {
            return new RenewalWindow(certificate.ariWindowStart.toInstant(), certificate.ariWindowEnd.toInstant());
        }
        return RenewalWindow.standard(certificate.notBefore.toInstant(), certificate.notAfter.toInstant());
    }

    /**
     * The certificate a newOrder's {@code replaces} names, locked until the order is stored, after the checks of RFC 9773
     * section 5: a certificate of this STI-CA, of the same ACME account, for the order's TNAuthList (an order holds one
     * identifier, so "at least one identifier in common" is this one), and not already replaced by another order that
     * is not invalid.
     *
     * @throws ProblemException MALFORMED for a certID that is malformed, unknown or for another TNAuthList,
     *                          UNAUTHORIZED for another account's certificate, ALREADY_REPLACED (409) when replaced
     */
    public IssuedCertificate replaceable(String accountId, String replaces, TNAuthList identifier) {
        AriCertId id = parse(replaces, "replaces");
        IssuedCertificate certificate = find(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(
                () -> new ProblemException(ProblemType.MALFORMED, "replaces names no certificate this STI-CA issued: " + id));
        if (!certificate.accountId.equals(accountId)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "replaces names a certificate of another ACME account (RFC 9773 section 5)");
        }
        Optional<TNAuthList> replacedIdentifier = CertificateExtensions.tnAuthList(leaf(certificate));
        if (replacedIdentifier.isEmpty() || !replacedIdentifier.get().equals(identifier)) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "replaces names a certificate for another TNAuthList than the order's identifier (RFC 9773 section 5)");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<AcmeOrder> replacing = em.createQuery("select o from AcmeOrder o where o.replacesCertificateId = :c", AcmeOrder.class)
                .setParameter("c", certificate.id).getResultList();
        for (AcmeOrder order : replacing) {
            boolean expired = (AcmeStatus.PENDING.is(order.status) || AcmeStatus.READY.is(order.status)) && order.expiresAt.isBefore(now);
            if (!AcmeStatus.INVALID.is(order.status) && !expired) {
                throw new ProblemException(ProblemType.ALREADY_REPLACED, "the certificate " + id
                        + " is already replaced by another order that is not invalid (RFC 9773 section 5)");
            }
        }
        return certificate;
    }

    /** The certificate a certID names: the serial finds it, and its Authority Key Identifier must be the certID's. */
    Optional<IssuedCertificate> find(AriCertId id, LockModeType lock) {
        return em.createQuery("select c from IssuedCertificate c where c.serialHex = :s", IssuedCertificate.class)
                .setParameter("s", id.serialHex()).setLockMode(lock).getResultStream()
                .filter(c -> id.equals(certId(c).orElse(null))).findFirst();
    }

    /** A stored certificate's certID; empty for a row whose certificate cannot be read, which no certID can name. */
    static Optional<AriCertId> certId(IssuedCertificate certificate) {
        try {
            return Optional.of(AriCertId.of(leaf(certificate)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static X509Certificate leaf(IssuedCertificate certificate) {
        return Pem.certificates(certificate.certificatePem).get(0);
    }

    private static AriCertId parse(String text, String what) {
        try {
            return AriCertId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, what + " is not a certID (RFC 9773 section 4.1): " + e.getMessage());
        }
    }
}
