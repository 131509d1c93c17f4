package org.shakenpki.stir;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * RFC 5280 section 6 path validation of a served chain (first certificate first) to a set of trust anchors at
 * a given time, without revocation checking: revocation in SHAKEN is the STI-PA's indirect CRL, which stock
 * PKIX cannot process (see {@link IndirectCrl}). Self-signed certificates in the served chain are dropped, as
 * a root on the wire is only a hint and trust comes from the anchors.
 */
final class ChainValidation {
    private ChainValidation() {
    }

    /** The validated path (anchor excluded). */
    static List<X509Certificate> validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant at)
            throws GeneralSecurityException {
        if (anchors.isEmpty()) {
            throw new GeneralSecurityException("no trust anchors");
        }
        List<X509Certificate> path = chain.stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
        if (path.isEmpty()) {
            throw new GeneralSecurityException("the chain holds no certificate below a root");
        }
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                .validate(certPath, parameters);
        if (result.getTrustAnchor() == null) {
            throw new GeneralSecurityException("no trust anchor");
        }
        return path;
    }
}
