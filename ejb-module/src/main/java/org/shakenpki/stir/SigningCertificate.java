package org.shakenpki.stir;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.trust.ValidatedPath;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks on the certificate that signed a PASSporT which ATIS-1000074 verifiers apply (ATIS-1000080 v005
 * section 6.4.1, the list in reference section 1d item 7), on the end-entity of a path the trust kernel validated
 * (which already refused CA certificates and keys that may not sign): a P-256 key, a TNAuthList
 * holding one SPC, a CN "SHAKEN &lt;SPC&gt;" naming that SPC, and a CRL distribution point with a cRLIssuer.
 * With {@code strict}, the whole ATIS-1000080 profile ({@link ShakenProfile}, END_ENTITY) must hold as well;
 * that is off by default because many deployed certificates break some of its rules (see docs/interop.md).
 *
 * <p>A delegate end-entity certificate (RFC 9060 section 4, ATIS-1000092) carries telephone numbers and ranges
 * instead of the SPC: it is accepted with such a TNAuthList and no CN rule (strict: the
 * {@link ShakenProfile.Kind#DELEGATE_END_ENTITY} profile); which numbers it may sign for is checked per call
 * against the PASSporT ({@code PassportVerifier}, {@link org.shakenpki.trust.TnAuthScope#authorizes}), and that
 * it lies within its delegate CA's scope by the path validation.
 */
final class SigningCertificate {
    private SigningCertificate() {
    }

    /**
     * The SPC of an acceptable signing certificate, or null for an acceptable delegate end-entity certificate
     * (whose TNAuthList holds only telephone numbers and ranges).
     *
     * @throws Rejected 437 Unsupported Credential, naming every violation
     */
    static String spc(X509Certificate leaf, boolean strict) {
        List<String> violations = new ArrayList<>();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(spki.getAlgorithm().getParameters())) {
            violations.add("the key is not a P-256 key, so it cannot sign ES256");
        }
        boolean delegate = isTnScoped(leaf);
        String spc = delegate ? null : spcOf(leaf, violations);
        if (leaf.getExtensionValue(Extension.cRLDistributionPoints.getId()) == null) {
            violations.add("the certificate has no CRL distribution point");
        }
        if (strict) {
            try {
                violations.addAll(ShakenProfile.check(TBSCertificate.getInstance(leaf.getTBSCertificate()),
                        delegate ? ShakenProfile.Kind.DELEGATE_END_ENTITY : ShakenProfile.Kind.END_ENTITY));
            } catch (CertificateEncodingException e) {
                violations.add("the certificate cannot be encoded");
            }
        }
        if (!violations.isEmpty()) {
            throw new Rejected(Failure.UNSUPPORTED_CREDENTIAL, "the signing certificate is not a SHAKEN certificate: "
                    + String.join("; ", violations.stream().distinct().toList()));
        }
        return spc;
    }

    /** Whether the certificate's TNAuthList holds only telephone numbers and ranges (a delegate end-entity). */
    static boolean isTnScoped(X509Certificate leaf) {
        try {
            return CertificateExtensions.tnAuthList(leaf)
                    .map(list -> list.entries().stream().noneMatch(TNAuthList.Spc.class::isInstance))
                    .orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The SPC a validated path answers to: the end-entity's, or for a delegate end-entity the first SPC of a
     * delegate CA above it (RFC 9060: the service provider that delegated the numbers); null when there is none.
     */
    static String accountableSpc(ValidatedPath path, String endEntitySpc) {
        if (endEntitySpc != null) {
            return endEntitySpc;
        }
        for (X509Certificate certificate : path.path().subList(1, path.path().size())) {
            try {
                List<String> spcs = CertificateExtensions.tnAuthList(certificate).map(TNAuthList::spcs).orElse(List.of());
                if (!spcs.isEmpty()) {
                    return spcs.get(0);
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static String spcOf(X509Certificate leaf, List<String> violations) {
        TNAuthList list;
        try {
            list = CertificateExtensions.tnAuthList(leaf).orElse(null);
            if (list == null) {
                violations.add("the certificate has no TNAuthList");
                return null;
            }
        } catch (IllegalArgumentException e) {
            violations.add("the TNAuthList is not a valid TNAuthorizationList");
            return null;
        }
        if (!list.isSingleSpc()) {
            violations.add("the TNAuthList must hold exactly one SPC");
            return null;
        }
        String spc = list.spcs().get(0);
        String cn = commonName(leaf);
        // PeeringHub appends a timestamp to the CN ("SHAKEN 788J 1724072973"); the SPC must still be the second word.
        if (cn == null || !(cn.equals("SHAKEN " + spc) || cn.startsWith("SHAKEN " + spc + " "))) {
            violations.add("the subject CN " + (cn == null ? "is missing" : "\"" + cn + "\"") + " does not name SPC " + spc);
        }
        return spc;
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
    }
}
