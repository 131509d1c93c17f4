package org.shakenpki.stipa;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.shakenpki.pkix.KeyIdentifiers;
import org.shakenpki.trust.PathPurpose;
import org.shakenpki.trust.PathValidator;
import org.shakenpki.trust.UntrustedPath;
import org.shakenpki.trust.ValidatedPath;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The STI-PA's indirect CRL, checked by this project's own CRL processing (ATIS-1000080 section 5.3.3 and
 * 6.4.1; reference section 1c), for the STI-VS (is a PASSporT's certificate revoked?) and the SP-KMS (is one of
 * its own certificates revoked?): one CRL issued by the STI-PA CRL signer lists the revoked certificates of every
 * STI-CA, each entry naming its issuer in a certificateIssuer extension (RFC 5280 section 5.3.3). Stock PKIX
 * revocation checking cannot be used, because the CRL signer chains to the STI-PA root, not to the STI-CA
 * root of the certificate being checked.
 *
 * <p>A CRL is accepted only if its signer certificate, the first of the chain given, chains to an STI-PA trust
 * anchor ({@link PathValidator}, purpose CRL_SIGNING: it may sign CRLs), carries the CRL's issuer name as
 * subject, and signed it; if {@code now} lies between thisUpdate and
 * nextUpdate; and if it has no critical extension this code does not process. Entries match on
 * (certificateIssuer, serial).
 */
public final class IndirectCrl {
    private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL = Set.of(Extension.issuingDistributionPoint);
    private static final Set<ASN1ObjectIdentifier> KNOWN_ENTRY_CRITICAL = Set.of(Extension.certificateIssuer);

    private final X509CRLHolder crl;
    /** Decoded once: every verification asks whether the CRL is still current. */
    private final Instant nextUpdate;
    /**
     * The entries by serial number, each with the certificateIssuer names in force for it: built once per CRL,
     * because walking (and decoding) every entry for every certificate looked up cost time linear in the CRL's
     * size on every verification.
     */
    private final Map<BigInteger, List<Listed>> bySerial;

    private record Listed(GeneralNames issuers, X509CRLEntryHolder entry) {
    }

    private IndirectCrl(X509CRLHolder crl) {
        this.crl = crl;
        this.nextUpdate = crl.getNextUpdate().toInstant();
        Map<BigInteger, List<Listed>> index = new HashMap<>();
        for (Object revoked : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) revoked;
            GeneralNames names = entry.getCertificateIssuer();
            if (names != null) {
                index.computeIfAbsent(entry.getSerialNumber(), serial -> new ArrayList<>(1)).add(new Listed(names, entry));
            }
        }
        this.bySerial = index;
    }

    /** A revoked certificate's entry. */
    public record Entry(BigInteger serial, Instant revokedAt, String reason) {
    }

    /**
     * Verifies a DER CRL.
     *
     * @param signerChain the CRL signer's certificate first, then the certificates up to the STI-PA root; during a
     *                    key rollover the STI-PA publishes several CRL signers (end-entities) before the CA
     *                    certificates, and the one whose subjectKeyIdentifier is the CRL's authorityKeyIdentifier is
     *                    the signer ({@link #signerPath})
     * @throws IllegalArgumentException naming why the CRL is not acceptable
     */
    public static IndirectCrl verify(byte[] der, List<X509Certificate> signerChain, Set<TrustAnchor> stiPaAnchors, Instant now) {
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER CRL");
        }
        if (signerChain.isEmpty()) {
            throw new IllegalArgumentException("no CRL signer certificate");
        }
        X509Certificate signer = validate(signerPath(crl, signerChain), stiPaAnchors, now).endEntity();
        X500Name issuer = crl.getIssuer();
        if (!issuer.equals(X500Name.getInstance(signer.getSubjectX500Principal().getEncoded()))) {
            throw new IllegalArgumentException("the CRL issuer " + issuer + " is not the CRL signer's subject");
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()))) {
                throw new IllegalArgumentException("the CRL signature does not verify with the STI-PA CRL signer's key");
            }
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException e) {
            throw new IllegalArgumentException("the CRL signature cannot be checked: " + e.getMessage());
        }
        if (crl.getThisUpdate().toInstant().isAfter(now)) {
            throw new IllegalArgumentException("the CRL's thisUpdate is in the future");
        }
        if (crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isAfter(now)) {
            throw new IllegalArgumentException("the CRL is past its nextUpdate");
        }
        if (crl.getExtensions() != null) {
            for (ASN1ObjectIdentifier oid : crl.getExtensions().getCriticalExtensionOIDs()) {
                if (!KNOWN_CRITICAL.contains(oid)) {
                    throw new IllegalArgumentException("the CRL has an unprocessed critical extension " + oid);
                }
            }
        }
        for (Object revoked : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) revoked;
            if (entry.getExtensions() != null) {
                for (ASN1ObjectIdentifier oid : entry.getExtensions().getCriticalExtensionOIDs()) {
                    if (!KNOWN_ENTRY_CRITICAL.contains(oid)) {
                        throw new IllegalArgumentException("a CRL entry has an unprocessed critical extension " + oid);
                    }
                }
            }
        }
        return new IndirectCrl(crl);
    }

    /**
     * The chain to validate for this CRL: the published CRL signers are the end-entity certificates that lead the
     * served list (RFC 5280 section 5.2.1: the CRL's authorityKeyIdentifier names the signer's key), the rest is the
     * path to the root. Without an authorityKeyIdentifier, or with one CRL signer, the first certificate is the
     * signer, as before any rollover. The certificate picked still has to pass the whole validation.
     */
    static List<X509Certificate> signerPath(X509CRLHolder crl, List<X509Certificate> served) {
        int signers = 0;
        while (signers < served.size() && served.get(signers).getBasicConstraints() < 0) {
            signers++;
        }
        if (signers <= 1) {
            return served;
        }
        Optional<byte[]> keyId = KeyIdentifiers.crlAuthorityKeyId(crl);
        X509Certificate chosen = served.get(0);
        if (keyId.isPresent()) {
            chosen = served.subList(0, signers).stream().filter(c -> KeyIdentifiers.hasKeyId(c, keyId.get())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "none of the published CRL signers has the key the CRL's authorityKeyIdentifier names"));
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(chosen);
        path.addAll(served.subList(signers, served.size()));
        return path;
    }

    /** The CRL signer's validated path: chained to an STI-PA anchor, with cRLSign (the kernel's CRL_SIGNING). */
    private static ValidatedPath validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant now) {
        try {
            return PathValidator.validate(chain, anchors, now, PathPurpose.CRL_SIGNING);
        } catch (UntrustedPath e) {
            throw new IllegalArgumentException("the CRL signer is not an STI-PA CRL signer: " + e.getMessage());
        }
    }

    /** The CRL issuer's name, which a SHAKEN certificate's cRLIssuer must name. */
    public X500Name issuer() {
        return crl.getIssuer();
    }

    public Instant nextUpdate() {
        return nextUpdate;
    }

    /**
     * The entry for a certificate, matched on its issuer and serial. BouncyCastle carries an entry's
     * certificateIssuer forward to the following entries of an indirect CRL (RFC 5280 section 5.3.3); an entry
     * before any certificateIssuer belongs to the CRL issuer itself and never matches an STI-CA's certificate.
     */
    public Optional<Entry> lookup(X509Certificate certificate) {
        List<Listed> listed = bySerial.get(certificate.getSerialNumber());
        if (listed == null) {
            return Optional.empty();
        }
        X500Name certificateIssuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
        for (Listed candidate : listed) {
            for (GeneralName name : candidate.issuers().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName && X500Name.getInstance(name.getName()).equals(certificateIssuer)) {
                    X509CRLEntryHolder entry = candidate.entry();
                    return Optional.of(new Entry(entry.getSerialNumber(), entry.getRevocationDate().toInstant(), reason(entry)));
                }
            }
        }
        return Optional.empty();
    }

    private static String reason(X509CRLEntryHolder entry) {
        Extension extension = entry.getExtension(Extension.reasonCode);
        if (extension == null) {
            return "unspecified";
        }
        int code = CRLReason.getInstance(extension.getParsedValue()).getValue().intValue();
        return switch (code) {
            case 1 -> "keyCompromise";
            case 2 -> "cACompromise";
            case 3 -> "affiliationChanged";
            case 4 -> "superseded";
            case 5 -> "cessationOfOperation";
            case 6 -> "certificateHold";
            case 8 -> "removeFromCRL";
            case 9 -> "privilegeWithdrawn";
            case 10 -> "aACompromise";
            default -> "unspecified";
        };
    }
}
