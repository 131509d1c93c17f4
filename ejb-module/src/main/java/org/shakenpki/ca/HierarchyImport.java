package org.shakenpki.ca;

import org.bouncycastle.asn1.x509.TBSCertificate;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.sks.ImportedKey;
import org.shakenpki.sks.KeyStoreToken;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The check of an STI-CA hierarchy made at a key ceremony, before the STI-CA uses it instead of generating its own
 * (ATIS-1000080 section 6.4.1): {@code shakenpki.ca.import.root-key}/{@code -certificate} and
 * {@code shakenpki.ca.import.intermediate-key}/{@code -certificate}. Each key must be on the {@code ca} token and
 * be the key of its certificate ({@link ImportedKey#check}: same public key, a signed probe verifies); both
 * certificates must be valid now; the root must be self-signed and the intermediate signed by it (RFC 5280
 * section 6.1: name chaining and signature); each must pass the SHAKEN profile lint ({@link ShakenProfile}) of
 * its kind. The first failure is an {@link InvalidSetting} naming the setting, which stops the start-up.
 */
final class HierarchyImport {
    static final String PREFIX = "shakenpki.ca.import.";
    static final List<String> NAMES = List.of("root", "intermediate");

    private HierarchyImport() {
    }

    /** A hierarchy that passed every check: the aliases of its keys on the token and its certificates. */
    record Checked(String rootAlias, X509Certificate root, String intermediateAlias, X509Certificate intermediate) {
    }

    static Checked check(ImportedCertificates config, KeyStoreToken token, Instant now) {
        String rootAlias = ImportedKey.checkedAlias(config, "root", token);
        String intermediateAlias = ImportedKey.checkedAlias(config, "intermediate", token);
        X509Certificate root = config.certificates().get("root");
        X509Certificate intermediate = config.certificates().get("intermediate");
        validNow(config, "root", now);
        validNow(config, "intermediate", now);
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || !signedBy(root, root)) {
            throw config.invalidCertificate("root", "a self-signed root");
        }
        lint(config, "root", ShakenProfile.Kind.ROOT);
        if (!intermediate.getIssuerX500Principal().equals(root.getSubjectX500Principal()) || !signedBy(intermediate, root)) {
            throw config.invalidCertificate("intermediate", "an intermediate signed by the configured root "
                    + root.getSubjectX500Principal().getName());
        }
        lint(config, "intermediate", ShakenProfile.Kind.INTERMEDIATE);
        return new Checked(rootAlias, root, intermediateAlias, intermediate);
    }

    private static void validNow(ImportedCertificates config, String name, Instant now) {
        X509Certificate certificate = config.certificates().get(name);
        Date at = Date.from(now);
        if (at.before(certificate.getNotBefore()) || at.after(certificate.getNotAfter())) {
            throw config.invalidCertificate(name, "a certificate valid now (it is valid from " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + ")");
        }
    }

    private static void lint(ImportedCertificates config, String name, ShakenProfile.Kind kind) {
        List<String> violations;
        try {
            violations = ShakenProfile.check(TBSCertificate.getInstance(config.certificates().get(name).getTBSCertificate()), kind);
        } catch (CertificateEncodingException e) {
            violations = List.of("the certificate cannot be decoded");
        }
        if (!violations.isEmpty()) {
            throw config.invalidCertificate(name, "a " + name + " with the SHAKEN profile (ATIS-1000080 section 6.4.1), but "
                    + String.join("; ", violations));
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
