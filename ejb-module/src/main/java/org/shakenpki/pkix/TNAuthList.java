package org.shakenpki.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The TN Authorization List of RFC 8226 section 9 (certificate extension {@code id-pe-TNAuthList},
 * 1.3.6.1.5.5.7.1.26), the value of the ACME {@code TNAuthList} identifier (RFC 9448 section 3) and of the
 * {@code atc.tkvalue} claim (RFC 9448 section 5.4).
 *
 * <pre>
 * TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry
 * TNEntry ::= CHOICE { spc [0] ServiceProviderCode, range [1] TelephoneNumberRange, one [2] TelephoneNumber }
 * ServiceProviderCode ::= IA5String
 * TelephoneNumberRange ::= SEQUENCE { start TelephoneNumber, count INTEGER (2..MAX), ... }
 * TelephoneNumber ::= IA5String (SIZE (1..15)) (FROM ("0123456789#*"))
 * </pre>
 *
 * The module is {@code DEFINITIONS EXPLICIT TAGS}, so every choice is an explicit tag: SPC "1234" encodes as
 * {@code 30 08 A0 06 16 04 31 32 33 34}. Decoding is strict DER; the text forms accept base64 and base64url
 * with or without padding (deployed STI-PAs send padded standard base64; see docs/interop.md) and compare by
 * the decoded DER, while {@link #toBase64Url()} emits what RFC 9448 prescribes.
 */
public final class TNAuthList {
    /** id-pe-TNAuthList (RFC 8226 section 9). */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");

    private static final Pattern TELEPHONE_NUMBER = Pattern.compile("[0-9#*]{1,15}");

    private final List<Entry> entries;
    private final byte[] der;

    /** One TNEntry. */
    public sealed interface Entry permits Spc, Range, One {
    }

    /** {@code spc [0] ServiceProviderCode}. */
    public record Spc(String code) implements Entry {
    }

    /** {@code range [1] TelephoneNumberRange}. */
    public record Range(String start, BigInteger count) implements Entry {
    }

    /** {@code one [2] TelephoneNumber}. */
    public record One(String number) implements Entry {
    }

    private TNAuthList(List<Entry> entries, byte[] der) {
        this.entries = List.copyOf(entries);
        this.der = der;
    }

    /** A list of one SPC, the shape of every SHAKEN end-entity certificate (ATIS-1000080 section 6.4.1). */
    public static TNAuthList ofSpc(String spc) {
        return of(List.of(new Spc(spc)));
    }

    public static TNAuthList of(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a TNAuthList has at least one entry");
        }
        ASN1EncodableVector vector = new ASN1EncodableVector();
        for (Entry entry : entries) {
            vector.add(encodeEntry(entry));
        }
        try {
            return new TNAuthList(entries, new DERSequence(vector).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes DER.
     *
     * @throws IllegalArgumentException if it is not a DER TNAuthorizationList
     */
    public static TNAuthList decode(byte[] der) {
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
                throw new IllegalArgumentException("TNAuthList is not DER-encoded");
            }
            ASN1Sequence sequence = ASN1Sequence.getInstance(primitive);
            if (sequence.size() == 0) {
                throw new IllegalArgumentException("TNAuthList is empty");
            }
            List<Entry> entries = new ArrayList<>();
            for (ASN1Encodable element : sequence) {
                entries.add(decodeEntry(ASN1TaggedObject.getInstance(element)));
            }
            return new TNAuthList(entries, der.clone());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("TNAuthList")) {
                throw iae;
            }
            throw new IllegalArgumentException("TNAuthList is not a valid TNAuthorizationList: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the base64 text of the DER, in any of the four forms: base64 or base64url, padded or not.
     *
     * @throws IllegalArgumentException if it is not base64 of a DER TNAuthorizationList
     */
    public static TNAuthList fromBase64(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("TNAuthList value is empty");
        }
        String unpadded = text.strip().replaceAll("=+$", "").replace('+', '-').replace('/', '_');
        try {
            return decode(Base64.getUrlDecoder().decode(unpadded));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("TNAuthList")) {
                throw e;
            }
            throw new IllegalArgumentException("TNAuthList value is not base64 or base64url", e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The SPCs among the entries, in order. */
    public List<String> spcs() {
        return entries.stream().filter(Spc.class::isInstance).map(e -> ((Spc) e).code()).toList();
    }

    /** Whether the list is exactly one SPC (the ATIS-1000080 v005 end-entity shape). */
    public boolean isSingleSpc() {
        return entries.size() == 1 && entries.get(0) instanceof Spc;
    }

    public byte[] der() {
        return der.clone();
    }

    /** base64url without padding, as RFC 9448 section 3 requires for the ACME identifier. */
    public String toBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TNAuthList list && Arrays.equals(der, list.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "TNAuthList" + entries;
    }

    private static ASN1Encodable encodeEntry(Entry entry) {
        if (entry instanceof Spc spc) {
            return new DERTaggedObject(true, 0, new DERIA5String(requireIa5(spc.code()), true));
        }
        if (entry instanceof Range range) {
            if (range.count().compareTo(BigInteger.TWO) < 0) {
                throw new IllegalArgumentException("TNAuthList range count must be at least 2");
            }
            return new DERTaggedObject(true, 1, new DERSequence(new ASN1Encodable[] {
                new DERIA5String(requireNumber(range.start()), true), new ASN1Integer(range.count())}));
        }
        One one = (One) entry;
        return new DERTaggedObject(true, 2, new DERIA5String(requireNumber(one.number()), true));
    }

    private static Entry decodeEntry(ASN1TaggedObject tagged) {
        if (tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC || !tagged.isExplicit()) {
            throw new IllegalArgumentException("TNAuthList entry is not an explicitly tagged TNEntry");
        }
        return switch (tagged.getTagNo()) {
            case 0 -> new Spc(requireIa5(DERIA5String.getInstance(tagged, true).getString()));
            case 1 -> {
                ASN1Sequence range = ASN1Sequence.getInstance(tagged, true);
                if (range.size() < 2) {
                    throw new IllegalArgumentException("TNAuthList range needs start and count");
                }
                BigInteger count = ASN1Integer.getInstance(range.getObjectAt(1)).getValue();
                if (count.compareTo(BigInteger.TWO) < 0) {
                    throw new IllegalArgumentException("TNAuthList range count must be at least 2");
                }
                yield new Range(requireNumber(DERIA5String.getInstance(range.getObjectAt(0)).getString()), count);
            }
            case 2 -> new One(requireNumber(DERIA5String.getInstance(tagged, true).getString()));
            default -> throw new IllegalArgumentException("TNAuthList entry has unknown tag [" + tagged.getTagNo() + "]");
        };
    }

    private static String requireIa5(String value) {
        if (value == null || value.isEmpty() || !DERIA5String.isIA5String(value)) {
            throw new IllegalArgumentException("TNAuthList SPC must be a non-empty IA5String");
        }
        return value;
    }

    private static String requireNumber(String value) {
        if (value == null || !TELEPHONE_NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException("TNAuthList telephone number must be 1-15 of 0-9 # *: " + value);
        }
        return value;
    }
}
