package org.shakenpki.pa;

import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.sks.ImportedKey;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.UntrustedPath;

import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The check of the STI-PA's signers made at a key ceremony, before the STI-PA uses them instead of generating its
 * own (ATIS-1000080 sections 5.3.1 and 5.3.3): {@code shakenpki.pa.import.<name>-key}/{@code -certificate} for
 * {@code root}, {@code token-signer} and {@code crl-signer}. Each key must be on the {@code pa} token and be the key
 * of its certificate ({@link ImportedKey#check}); every certificate must be valid now; the root must be a
 * self-signed CA; the token signer must validate under that root as an SPC-token signer and the CRL signer as a
 * CRL signer (the trust kernel's {@link PathPurpose}, what the STI-CA and the verifiers will require), the CRL
 * signer with the subject {@code shakenpki.sti-pa.crl-issuer-dn} that SHAKEN certificates name as cRLIssuer. The
 * first failure is an {@link InvalidSetting} naming the setting, which stops the start-up.
 */
final class PaImport {
    static final String PREFIX = "shakenpki.pa.import.";
    static final List<String> NAMES = List.of("root", "token-signer", "crl-signer");

    private PaImport() {
    }

    /** Signers that passed every check: the alias of each key on the token, by name, and the certificates. */
    record Checked(String rootAlias, X509Certificate root, String tokenSignerAlias, X509Certificate tokenSigner,
                   String crlSignerAlias, X509Certificate crlSigner) {
    }

    static Checked check(ImportedCertificates config, KeyStoreToken token, Instant now, String crlIssuerDn) {
        String rootAlias = ImportedKey.checkedAlias(config, "root", token);
        String tokenAlias = ImportedKey.checkedAlias(config, "token-signer", token);
        String crlAlias = ImportedKey.checkedAlias(config, "crl-signer", token);
        X509Certificate root = config.certificates().get("root");
        for (String name : NAMES) {
            validNow(config, name, now);
        }
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || root.getBasicConstraints() < 0
                || !signedBy(root, root)) {
            throw config.invalidCertificate("root", "a self-signed CA certificate");
        }
        under(config, "token-signer", root, now, PathPurpose.SPC_TOKEN_SIGNING, "an SPC-token signer issued by the configured root");
        under(config, "crl-signer", root, now, PathPurpose.CRL_SIGNING, "a CRL signer issued by the configured root");
        X509Certificate crlSigner = config.certificates().get("crl-signer");
        if (!new X500Name(crlIssuerDn).equals(X500Name.getInstance(crlSigner.getSubjectX500Principal().getEncoded()))) {
            throw config.invalidCertificate("crl-signer", "the subject " + crlIssuerDn
                    + " (shakenpki.sti-pa.crl-issuer-dn, the cRLIssuer SHAKEN certificates name)");
        }
        return new Checked(rootAlias, root, tokenAlias, config.certificates().get("token-signer"), crlAlias, crlSigner);
    }

    /**
     * Requires that the database holds the imported signers, once they were stored: its root, and each signer in
     * use or published as a generation (rolled over since the import).
     */
    static void requireHeld(ImportedCertificates config, Checked checked, PaKeys keys) {
        if (!keys.certificate(PaCertificate.Purpose.ROOT).equals(checked.root())) {
            throw config.invalidCertificate("root", "the STI-PA root this database holds, "
                    + keys.certificate(PaCertificate.Purpose.ROOT).getSubjectX500Principal().getName()
                    + " (an import replaces no existing root)");
        }
        if (!keys.published(PaCertificate.Purpose.TOKEN_SIGNER).contains(checked.tokenSigner())) {
            throw config.invalidCertificate("token-signer", "a token signer this database holds");
        }
        if (!keys.published(PaCertificate.Purpose.CRL_SIGNER).contains(checked.crlSigner())) {
            throw config.invalidCertificate("crl-signer", "a CRL signer this database holds");
        }
    }

    private static void under(ImportedCertificates config, String name, X509Certificate root, Instant now,
                              PathPurpose purpose, String expected) {
        try {
            PathValidator.validate(List.of(config.certificates().get(name)), Set.of(new TrustAnchor(root, null)), now, purpose);
        } catch (UntrustedPath e) {
            throw config.invalidCertificate(name, expected + " (" + e.getMessage() + ")");
        }
    }

    private static void validNow(ImportedCertificates config, String name, Instant now) {
        X509Certificate certificate = config.certificates().get(name);
        Date at = Date.from(now);
        if (at.before(certificate.getNotBefore()) || at.after(certificate.getNotAfter())) {
            throw config.invalidCertificate(name, "a certificate valid now (it is valid from " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + ")");
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
