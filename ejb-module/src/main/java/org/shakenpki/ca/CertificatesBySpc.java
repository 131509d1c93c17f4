package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;

import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the certificates this STI-CA issued, found by the SPCs of their TNAuthList (RFC 8226 section
 * 9; ATIS-1000080 section 6.4.1). It decides nothing: the STI-PA's provider portal ({@code pa.ProviderPortal}) asks
 * it only for the SPCs of the caller's own account. SHAKEN certificates are public anyway (served at {@code x5u}).
 */
@Stateless
public class CertificatesBySpc {

    /** An issued certificate: what a provider needs to recognise and revoke it. */
    public record Issued(String id, String serialHex, String issuerCanonical, String subject, List<String> spcs,
                         OffsetDateTime notBefore,
                         OffsetDateTime notAfter, OffsetDateTime revokedAt) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    ChainRepository chains;

    /** The certificates whose TNAuthList names SPCs only from {@code spcs} (and at least one), newest first. */
    public List<Issued> carryingOnly(Collection<String> spcs) {
        return em.createQuery("select c from IssuedCertificate c order by c.notBefore desc", IssuedCertificate.class)
                .getResultStream()
                .map(c -> view(c).filter(v -> !v.spcs().isEmpty() && spcs.containsAll(v.spcs())).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The certificate's chain as the STI-CR serves it (leaf first), if the certificate exists. */
    public Optional<String> chainPem(String id) {
        IssuedCertificate certificate = em.find(IssuedCertificate.class, id);
        return certificate == null ? Optional.empty() : chains.find(certificate.chainName).map(ChainRepository.Chain::pem);
    }

    /** The view of a certificate, or empty when its TNAuthList holds numbers or ranges (no SPC-only list). */
    private static Optional<Issued> view(IssuedCertificate c) {
        X509Certificate certificate = Pem.certificates(c.certificatePem).get(0);
        Optional<TNAuthList> list = CertificateExtensions.tnAuthList(certificate);
        if (list.isEmpty() || list.get().spcs().size() != list.get().entries().size()) {
            return Optional.empty();
        }
        return Optional.of(new Issued(c.id, c.serialHex,
                certificate.getIssuerX500Principal().getName(javax.security.auth.x500.X500Principal.CANONICAL),
                certificate.getSubjectX500Principal().getName(), list.get().spcs(),
                c.notBefore, c.notAfter, c.revokedAt));
    }
}
