package org.shakenpki.trust;

import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.TNAuthList;

import javax.security.auth.x500.X500Principal;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A chain that {@link PathValidator} accepted for a purpose: the end-entity (the first certificate of the chain
 * as served), the certificates above it up to but excluding the anchor, and the anchor. Callers take the key,
 * TNAuthList, cRLIssuer and subject from {@link #endEntity()} and nowhere else: any other certificate of a
 * served chain is attacker-chosen until it is part of a validated path.
 *
 * @param path    the validated path, end-entity first, anchor excluded
 * @param anchor  the trust anchor the path ends at
 * @param purpose what the end-entity was validated for
 */
public record ValidatedPath(List<X509Certificate> path, TrustAnchor anchor, PathPurpose purpose) {

    public ValidatedPath {
        path = List.copyOf(path);
    }

    /** The certificate the chain was validated for. */
    public X509Certificate endEntity() {
        return path.get(0);
    }

    public PublicKey publicKey() {
        return endEntity().getPublicKey();
    }

    public X500Principal subject() {
        return endEntity().getSubjectX500Principal();
    }

    /** The end-entity's TNAuthList; empty for certificates without one (STI-PA signers). */
    public Optional<TNAuthList> tnAuthList() {
        return CertificateExtensions.tnAuthList(endEntity());
    }

    /** The end-entity's cRLIssuer names. */
    public List<X500Name> crlIssuers() {
        return CertificateExtensions.crlIssuers(endEntity());
    }

    /** The anchor's certificate (an STI-CA or STI-PA root). */
    public X509Certificate anchorCertificate() {
        return anchor.getTrustedCert();
    }

    /** The earliest notAfter and latest notBefore of the path: the time window in which it stays valid. */
    public Instant notBefore() {
        return path.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
    }

    public Instant notAfter() {
        return path.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }
}
