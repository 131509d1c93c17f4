package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subject attributes an STI-CA has verified about a service provider (ATIS-1000080 section 6.4.1: where the
 * optional DN attributes C, ST, L, O, OU are filled in, they SHOULD be validated claims about the provider). The
 * profile check ({@link ShakenProfile#check(org.bouncycastle.asn1.x509.TBSCertificate, ShakenProfile.Kind, VerifiedSubject)})
 * compares an end-entity subject with them: every verified attribute once, with its value, and no other attribute
 * than these and the CN.
 *
 * @param c  countryName, required by the profile
 * @param st stateOrProvinceName, or null when not verified
 * @param l  localityName, or null
 * @param o  organizationName, required
 * @param ou organizationalUnitName, or null
 */
public record VerifiedSubject(String c, String st, String l, String o, String ou) {

    /** The attribute types a SHAKEN end-entity subject may hold besides the CN, in ATIS-1000080's example order. */
    public static final Map<ASN1ObjectIdentifier, String> ATTRIBUTES = names();

    /** The verified value of an attribute type of {@link #ATTRIBUTES}, or null. */
    public String value(ASN1ObjectIdentifier type) {
        if (BCStyle.C.equals(type)) {
            return c;
        }
        if (BCStyle.ST.equals(type)) {
            return st;
        }
        if (BCStyle.L.equals(type)) {
            return l;
        }
        if (BCStyle.O.equals(type)) {
            return o;
        }
        if (BCStyle.OU.equals(type)) {
            return ou;
        }
        return null;
    }

    /** The short name of an attribute type (C, O, emailAddress, ...) or its OID, for problem details. */
    public static String nameOf(ASN1ObjectIdentifier type) {
        String name = BCStyle.INSTANCE.oidToDisplayName(type);
        return name != null ? name : type.getId();
    }

    private static Map<ASN1ObjectIdentifier, String> names() {
        Map<ASN1ObjectIdentifier, String> names = new LinkedHashMap<>();
        names.put(BCStyle.C, "C");
        names.put(BCStyle.ST, "ST");
        names.put(BCStyle.L, "L");
        names.put(BCStyle.O, "O");
        names.put(BCStyle.OU, "OU");
        return java.util.Collections.unmodifiableMap(names);
    }
}
