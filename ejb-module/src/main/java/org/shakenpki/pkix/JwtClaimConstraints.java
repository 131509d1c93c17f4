package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JWT Claim Constraints of a STIR certificate: RFC 8226 section 8 ({@code id-pe-JWTClaimConstraints},
 * 1.3.6.1.5.5.7.1.27: {@code mustInclude [0]}, {@code permittedValues [1]}) and RFC 9118 section 3
 * ({@code id-pe-eJWTClaimConstraints}, 1.3.6.1.5.5.7.1.33, adding {@code mustExclude [2]}). Both ASN.1 modules use
 * EXPLICIT TAGS:
 *
 * <pre>
 * EnhancedJWTClaimConstraints ::= SEQUENCE {
 *   mustInclude     [0] JWTClaimNames OPTIONAL,
 *   permittedValues [1] JWTClaimValuesList OPTIONAL,
 *   mustExclude     [2] JWTClaimNames OPTIONAL }      -- at least one present
 * JWTClaimValuesList ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE {
 *   claim JWTClaimName, values SEQUENCE SIZE (1..MAX) OF UTF8String }
 * JWTClaimNames ::= SEQUENCE SIZE (1..MAX) OF JWTClaimName     JWTClaimName ::= IA5String
 * </pre>
 *
 * Decoding is strict: DER only (the input must re-encode to itself), the components in tag order, none empty, at
 * least one present, a claim named at most once in {@code permittedValues}, and {@code mustExclude} only in the
 * RFC 9118 form. Anything else is an {@link IllegalArgumentException}.
 *
 * @param enhanced        true for the RFC 9118 extension, false for the RFC 8226 one
 * @param mustInclude     claims the PASSporT must carry
 * @param permittedValues per claim, the values it may take when present
 * @param mustExclude     claims the PASSporT must not carry (RFC 9118 only)
 */
public record JwtClaimConstraints(boolean enhanced, List<String> mustInclude, Map<String, List<String>> permittedValues,
                                  List<String> mustExclude) {
    /** RFC 8226 section 8: id-pe-JWTClaimConstraints. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.27");
    /** RFC 9118 section 3: id-pe-eJWTClaimConstraints. */
    public static final ASN1ObjectIdentifier ENHANCED_OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.33");
    /** RFC 9118 section 3: the baseline PASSporT claims, which must never be in mustExclude. */
    public static final Set<String> BASELINE = Set.of("iat", "orig", "dest");

    public JwtClaimConstraints {
        mustInclude = List.copyOf(mustInclude);
        mustExclude = List.copyOf(mustExclude);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        permittedValues.forEach((claim, values) -> copy.put(claim, List.copyOf(values)));
        permittedValues = java.util.Collections.unmodifiableMap(copy);
        if (mustInclude.isEmpty() && permittedValues.isEmpty() && mustExclude.isEmpty()) {
            throw new IllegalArgumentException("JWT Claim Constraints must hold mustInclude, permittedValues or mustExclude");
        }
        if (!enhanced && !mustExclude.isEmpty()) {
            throw new IllegalArgumentException("mustExclude exists only in the RFC 9118 extension");
        }
        for (List<String> values : permittedValues.values()) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a permittedValues entry must list at least one value");
            }
        }
    }

    /** The extension's OID. */
    public ASN1ObjectIdentifier oid() {
        return enhanced ? ENHANCED_OID : OID;
    }

    /**
     * RFC 9118 section 3: "If the mustExclude list includes iat, orig, or dest, then the certificate MUST be treated
     * as if the extension was not present."
     */
    public boolean excludesBaseline() {
        return mustExclude.stream().anyMatch(BASELINE::contains);
    }

    /** The DER of the extension value (the contents of extnValue). */
    public byte[] der() {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        if (!mustInclude.isEmpty()) {
            fields.add(new DERTaggedObject(true, 0, names(mustInclude)));
        }
        if (!permittedValues.isEmpty()) {
            ASN1EncodableVector list = new ASN1EncodableVector();
            permittedValues.forEach((claim, values) -> {
                ASN1EncodableVector strings = new ASN1EncodableVector();
                values.forEach(v -> strings.add(new DERUTF8String(v)));
                list.add(new DERSequence(new ASN1Encodable[] {new DERIA5String(claim, true), new DERSequence(strings)}));
            });
            fields.add(new DERTaggedObject(true, 1, new DERSequence(list)));
        }
        if (!mustExclude.isEmpty()) {
            fields.add(new DERTaggedObject(true, 2, names(mustExclude)));
        }
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes an extension value.
     *
     * @param enhanced true for {@link #ENHANCED_OID} (RFC 9118), false for {@link #OID} (RFC 8226)
     * @throws IllegalArgumentException if it is not the DER of that type
     */
    public static JwtClaimConstraints decode(byte[] der, boolean enhanced) {
        ASN1Primitive primitive;
        byte[] reencoded;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
            reencoded = primitive.getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("JWT Claim Constraints are not DER", e);
        }
        if (!Arrays.equals(reencoded, der) || !(primitive instanceof ASN1Sequence sequence)) {
            throw new IllegalArgumentException("JWT Claim Constraints are not a DER SEQUENCE");
        }
        List<String> mustInclude = List.of();
        Map<String, List<String>> permitted = Map.of();
        List<String> mustExclude = List.of();
        int lastTag = -1;
        for (ASN1Encodable element : sequence) {
            if (!(element instanceof ASN1TaggedObject tagged) || tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC
                    || !tagged.isExplicit()) {
                throw new IllegalArgumentException("JWT Claim Constraints hold a component that is not an explicit [0], [1] or [2]");
            }
            int tag = tagged.getTagNo();
            if (tag <= lastTag || tag > (enhanced ? 2 : 1)) {
                throw new IllegalArgumentException("JWT Claim Constraints component [" + tag + "] is out of order or unknown");
            }
            lastTag = tag;
            ASN1Primitive inner = tagged.getExplicitBaseObject().toASN1Primitive();
            switch (tag) {
                case 0 -> mustInclude = names(inner, "mustInclude");
                case 1 -> permitted = values(inner);
                default -> mustExclude = names(inner, "mustExclude");
            }
        }
        return new JwtClaimConstraints(enhanced, mustInclude, permitted, mustExclude);
    }

    /**
     * The constraints a certificate carries, if any. RFC 9118 section 3: the two extensions "MUST NOT both appear"
     * in one certificate, and an enhanced extension that excludes a baseline claim counts as absent.
     *
     * @throws IllegalArgumentException for both extensions at once, or one that does not decode
     */
    public static Optional<JwtClaimConstraints> of(X509Certificate certificate) {
        byte[] plain = certificate.getExtensionValue(OID.getId());
        byte[] enhanced = certificate.getExtensionValue(ENHANCED_OID.getId());
        if (plain != null && enhanced != null) {
            throw new IllegalArgumentException("the certificate carries both JWTClaimConstraints and EnhancedJWTClaimConstraints"
                    + " (RFC 9118 section 3)");
        }
        if (plain == null && enhanced == null) {
            return Optional.empty();
        }
        byte[] value = ASN1OctetString.getInstance(plain != null ? plain : enhanced).getOctets();
        JwtClaimConstraints constraints = decode(value, enhanced != null);
        return constraints.excludesBaseline() ? Optional.empty() : Optional.of(constraints);
    }

    private static DERSequence names(List<String> names) {
        ASN1EncodableVector vector = new ASN1EncodableVector();
        names.forEach(n -> vector.add(new DERIA5String(n, true)));
        return new DERSequence(vector);
    }

    private static List<String> names(ASN1Primitive value, String field) {
        if (!(value instanceof ASN1Sequence sequence) || sequence.size() == 0) {
            throw new IllegalArgumentException(field + " must be a non-empty SEQUENCE OF IA5String");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ASN1Encodable element : sequence) {
            names.add(claimName(element, field));
        }
        return new ArrayList<>(names);
    }

    private static Map<String, List<String>> values(ASN1Primitive value) {
        if (!(value instanceof ASN1Sequence list) || list.size() == 0) {
            throw new IllegalArgumentException("permittedValues must be a non-empty SEQUENCE");
        }
        Map<String, List<String>> permitted = new LinkedHashMap<>();
        for (ASN1Encodable entry : list) {
            if (!(entry.toASN1Primitive() instanceof ASN1Sequence pair) || pair.size() != 2) {
                throw new IllegalArgumentException("a permittedValues entry must be SEQUENCE { claim, values }");
            }
            String claim = claimName(pair.getObjectAt(0), "permittedValues");
            if (!(pair.getObjectAt(1).toASN1Primitive() instanceof ASN1Sequence strings) || strings.size() == 0) {
                throw new IllegalArgumentException("permittedValues of " + claim + " must be a non-empty SEQUENCE OF UTF8String");
            }
            List<String> values = new ArrayList<>();
            for (ASN1Encodable string : strings) {
                if (!(string.toASN1Primitive() instanceof DERUTF8String utf8)) {
                    throw new IllegalArgumentException("permittedValues of " + claim + " must be UTF8Strings");
                }
                values.add(utf8.getString());
            }
            if (permitted.put(claim, values) != null) {
                throw new IllegalArgumentException("permittedValues names " + claim + " twice");
            }
        }
        return permitted;
    }

    private static String claimName(ASN1Encodable element, String field) {
        if (!(element.toASN1Primitive() instanceof DERIA5String name) || name.getString().isEmpty()) {
            throw new IllegalArgumentException(field + " must hold non-empty IA5String claim names");
        }
        return name.getString();
    }
}
