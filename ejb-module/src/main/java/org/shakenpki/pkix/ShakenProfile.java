package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The STI certificate profile of ATIS-1000080 v005 section 6.4.1 and 6.4.1.1 (US SHAKEN CP v1.4), checked on
 * a to-be-signed certificate: what the STI-CA signs passes it (lint before sign), and a verifier may run it
 * on what it receives. Returns every violation, not just the first.
 *
 * <p>Besides the extensions ATIS-1000080 lists, an end-entity certificate may carry JWT Claim Constraints
 * (RFC 8226 section 8, or RFC 9118's enhanced form, non-critical): the constraints RFC 9795 uses for Rich Call Data.
 * RFC 9118 section 3 defines them for end-entity certificates only, so other kinds may not carry them.
 *
 * <p>{@link Kind#DELEGATE_CA} is the separate profile of a delegate CA certificate issued when the SPC token
 * says {@code ca:true} (ATIS-1000092, RFC 9060): a CA certificate that carries the TNAuthList it may delegate,
 * with pathLenConstraint 0 and keyCertSign only (no cRLSign: SHAKEN revocation is the STI-PA's indirect CRL, so a
 * delegate CA never signs a CRL). {@link Kind#DELEGATE_END_ENTITY} is the certificate such a delegate CA issues to
 * an enterprise or reseller (RFC 9060 section 4): an end-entity whose TNAuthList holds telephone numbers and
 * ranges ({@code one}, {@code range}, RFC 8226 section 9) instead of an SPC, so the "SHAKEN &lt;SPC&gt;" CN rule
 * does not apply to it.
 */
public final class ShakenProfile {
    /** The SHAKEN certificate policy, CP v1.4 (2.16.840.1.114569.1.1.4). */
    public static final ASN1ObjectIdentifier SHAKEN_CP_1_4 = new ASN1ObjectIdentifier("2.16.840.1.114569.1.1.4");

    /** The certificate kinds of the SHAKEN hierarchy. */
    public enum Kind { ROOT, INTERMEDIATE, END_ENTITY, DELEGATE_CA, DELEGATE_END_ENTITY }

    private static final Set<ASN1ObjectIdentifier> SPECIFIED = Set.of(Extension.keyUsage, Extension.basicConstraints,
            Extension.certificatePolicies, Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier,
            Extension.cRLDistributionPoints, TNAuthList.OID, JwtClaimConstraints.OID, JwtClaimConstraints.ENHANCED_OID);
    /** RFC 9118 section 3: JWT Claim Constraints are for end-entity certificates. */
    private static final Set<ASN1ObjectIdentifier> END_ENTITY_ONLY = Set.of(JwtClaimConstraints.OID,
            JwtClaimConstraints.ENHANCED_OID);
    private static final Set<ASN1ObjectIdentifier> CRITICAL = Set.of(Extension.keyUsage, Extension.basicConstraints);

    private ShakenProfile() {
    }

    /**
     * The violations of the profile of {@code kind}, and of an end-entity or delegate subject against what the
     * STI-CA verified about the subscriber: each attribute of {@code verified} exactly once with its value, none
     * that is not verified, nothing but C, ST, L, O, OU and one CN, one attribute per RDN (lint before sign: a
     * certificate mis-built from the subscriber record is never signed).
     */
    public static List<String> check(TBSCertificate tbs, Kind kind, VerifiedSubject verified) {
        List<String> v = check(tbs, kind);
        checkVerifiedSubject(tbs.getSubject(), verified, v);
        return v;
    }

    /** The violations of the profile of {@code kind}; empty when the certificate conforms. */
    public static List<String> check(TBSCertificate tbs, Kind kind) {
        List<String> v = new ArrayList<>();
        if (tbs.getVersionNumber() != 3) {
            v.add("version must be v3");
        }
        var serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0 || serial.bitLength() < 64 || serial.toByteArray().length > 20) {
            v.add("serial must be positive, at least 64 bits and at most 20 octets");
        }
        if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(tbs.getSignature().getAlgorithm())) {
            v.add("signature algorithm must be ecdsa-with-SHA256");
        }
        var spki = tbs.getSubjectPublicKeyInfo().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm())
                || !SECObjectIdentifiers.secp256r1.equals(spki.getParameters())) {
            v.add("subject public key must be id-ecPublicKey on P-256");
        }
        if (!tbs.getStartDate().getDate().before(tbs.getEndDate().getDate())) {
            v.add("notBefore must precede notAfter");
        }
        checkSubject(tbs.getSubject(), kind, v);
        Extensions extensions = tbs.getExtensions();
        if (extensions == null) {
            v.add("extensions are missing");
            return v;
        }
        checkExtensions(tbs, extensions, kind, v);
        return v;
    }

    private static void checkSubject(X500Name subject, Kind kind, List<String> v) {
        String cn = single(subject, BCStyle.CN);
        String c = single(subject, BCStyle.C);
        if (c == null || !c.matches("[A-Z]{2}")) {
            v.add("subject C must be one ISO 3166-1 alpha-2 code");
        }
        if (single(subject, BCStyle.O) == null) {
            v.add("subject O is required");
        }
        if (cn == null) {
            v.add("subject CN is required");
            return;
        }
        String upper = cn.toUpperCase(Locale.ROOT);
        if (!upper.contains("SHAKEN")) {
            v.add("subject CN must contain SHAKEN");
        }
        if (kind == Kind.ROOT && !upper.contains("ROOT")) {
            v.add("root subject CN must contain ROOT");
        }
    }

    private static void checkVerifiedSubject(X500Name subject, VerifiedSubject verified, List<String> v) {
        for (RDN rdn : subject.getRDNs()) {
            if (rdn.isMultiValued()) {
                v.add("subject RDNs must hold one attribute each");
            }
            for (var attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                if (!BCStyle.CN.equals(type) && !VerifiedSubject.ATTRIBUTES.containsKey(type)) {
                    v.add("subject " + VerifiedSubject.nameOf(type) + " is not a verified subscriber attribute");
                }
            }
        }
        for (var entry : VerifiedSubject.ATTRIBUTES.entrySet()) {
            String expected = verified.value(entry.getKey());
            RDN[] rdns = subject.getRDNs(entry.getKey());
            if (expected == null) {
                if (rdns.length != 0) {
                    v.add("subject " + entry.getValue() + " is not among the subscriber's verified attributes");
                }
            } else if (rdns.length != 1 || !expected.equals(text(rdns[0].getFirst().getValue()))) {
                v.add("subject " + entry.getValue() + " must be the subscriber's verified \"" + expected + "\"");
            }
        }
    }

    private static void checkExtensions(TBSCertificate tbs, Extensions extensions, Kind kind, List<String> v) {
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            Extension extension = extensions.getExtension(oid);
            if (!SPECIFIED.contains(oid)) {
                v.add("extension " + oid + " is not specified by the profile");
            } else if (END_ENTITY_ONLY.contains(oid) && kind != Kind.END_ENTITY) {
                v.add("extension " + oid + " (JWT Claim Constraints) belongs in end-entity certificates only");
            } else if (extension.isCritical() != CRITICAL.contains(oid)) {
                v.add("extension " + oid + (CRITICAL.contains(oid) ? " must be critical" : " must not be critical"));
            }
        }
        boolean ca = kind != Kind.END_ENTITY && kind != Kind.DELEGATE_END_ENTITY;
        BasicConstraints bc = BasicConstraints.fromExtensions(extensions);
        if (bc == null || bc.isCA() != ca) {
            v.add("basicConstraints must be present with cA=" + ca);
        } else if (kind == Kind.DELEGATE_CA && (bc.getPathLenConstraint() == null || bc.getPathLenConstraint().signum() != 0)) {
            v.add("a delegate CA must have pathLenConstraint 0");
        }
        KeyUsage ku = KeyUsage.fromExtensions(extensions);
        int expectedUsage = ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature;
        if (ku == null || keyUsageBits(ku) != expectedUsage) {
            v.add("keyUsage must be exactly " + (ca ? "keyCertSign" : "digitalSignature"));
        }
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(extensions);
        if (ski == null || ski.getKeyIdentifier().length != 20) {
            v.add("subjectKeyIdentifier must be a 160-bit SHA-1 key identifier");
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
        if (kind != Kind.ROOT && (aki == null || aki.getKeyIdentifierOctets() == null
                || aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null)) {
            v.add("authorityKeyIdentifier must be present with a key identifier only");
        }
        if (kind == Kind.ROOT && aki != null && ski != null && !java.util.Arrays.equals(aki.getKeyIdentifierOctets(), ski.getKeyIdentifier())) {
            v.add("a root's authorityKeyIdentifier must equal its subjectKeyIdentifier");
        }
        CertificatePolicies policies = CertificatePolicies.fromExtensions(extensions);
        CRLDistPoint crldp = CRLDistPoint.fromExtensions(extensions);
        if (kind == Kind.ROOT) {
            if (policies != null) {
                v.add("a root must not carry certificatePolicies");
            }
            if (crldp != null) {
                v.add("a root must not carry cRLDistributionPoints");
            }
        } else {
            if (policies == null || policies.getPolicyInformation().length != 1) {
                v.add("certificatePolicies must hold exactly one policy");
            }
            checkCrlDistributionPoint(crldp, v);
        }
        checkTnAuthList(extensions, tbs.getSubject(), kind, v);
    }

    private static void checkCrlDistributionPoint(CRLDistPoint crldp, List<String> v) {
        if (crldp == null || crldp.getDistributionPoints().length != 1) {
            v.add("cRLDistributionPoints must hold exactly one distribution point");
            return;
        }
        DistributionPoint point = crldp.getDistributionPoints()[0];
        DistributionPointName name = point.getDistributionPoint();
        boolean uri = name != null && name.getType() == DistributionPointName.FULL_NAME
                && java.util.Arrays.stream(org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName()).getNames())
                .anyMatch(n -> n.getTagNo() == GeneralName.uniformResourceIdentifier);
        if (!uri) {
            v.add("the distribution point must name the STI-PA CRL by URL");
        }
        if (point.getCRLIssuer() == null || java.util.Arrays.stream(point.getCRLIssuer().getNames())
                .noneMatch(n -> n.getTagNo() == GeneralName.directoryName)) {
            v.add("the distribution point must name the STI-PA CRL issuer (cRLIssuer directoryName)");
        }
    }

    private static void checkTnAuthList(Extensions extensions, X500Name subject, Kind kind, List<String> v) {
        Extension extension = extensions.getExtension(TNAuthList.OID);
        if (kind == Kind.ROOT || kind == Kind.INTERMEDIATE) {
            if (extension != null) {
                v.add("a root or intermediate must not carry a TNAuthList");
            }
            return;
        }
        if (extension == null) {
            v.add("TNAuthList is required");
            return;
        }
        TNAuthList list;
        try {
            list = TNAuthList.decode(ASN1OctetString.getInstance(extension.getExtnValue()).getOctets());
        } catch (IllegalArgumentException e) {
            v.add("TNAuthList is not a valid TNAuthorizationList");
            return;
        }
        if (kind == Kind.DELEGATE_END_ENTITY) {
            if (list.entries().stream().anyMatch(TNAuthList.Spc.class::isInstance)) {
                v.add("a delegate end-entity TNAuthList holds telephone numbers and ranges, not SPCs");
            }
        } else if (kind == Kind.END_ENTITY) {
            if (!list.isSingleSpc() || !SpcSyntax.isValid(list.spcs().get(0))) {
                v.add("an end-entity TNAuthList must be exactly one SPC of digits and uppercase letters");
            } else if (!("SHAKEN " + list.spcs().get(0)).equals(single(subject, BCStyle.CN))) {
                v.add("subject CN must be \"SHAKEN " + list.spcs().get(0) + "\"");
            }
        }
    }

    /** An attribute's string as written (not RFC 4514-escaped), or its DER for a non-string value. */
    static String text(org.bouncycastle.asn1.ASN1Encodable value) {
        return value instanceof org.bouncycastle.asn1.ASN1String string ? string.getString() : IETFUtils.valueToString(value);
    }

    private static int keyUsageBits(KeyUsage ku) {
        byte[] bytes = ku.getBytes();
        int bits = 0;
        for (int i = 0; i < bytes.length && i < 2; i++) {
            bits |= (bytes[i] & 0xff) << (8 * i);
        }
        return bits;
    }

    private static String single(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length != 1) {
            return null;
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
