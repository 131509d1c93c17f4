package org.shakenpki.ca;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The certificate identifier of ACME Renewal Information (RFC 9773 section 4.1), the path component of a
 * renewalInfo request and the value of an order's {@code replaces} (section 5): base64url of the {@code keyIdentifier}
 * of the certificate's Authority Key Identifier, ".", base64url of the DER content octets of its serial number
 * (without tag and length), both without "=" padding.
 *
 * <p>{@link #parse} is strict: unpadded base64url only, a non-empty key identifier, and a serial in its one DER
 * form (positive, minimal: a leading zero octet only where the next octet's high bit is set), so that each
 * certificate has exactly one identifier.
 */
public final class AriCertId {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int LONGEST = 200; // a 64-octet key identifier and a 20-octet serial need 114 characters

    private final byte[] keyIdentifier;
    private final BigInteger serial;

    private AriCertId(byte[] keyIdentifier, BigInteger serial) {
        this.keyIdentifier = keyIdentifier.clone();
        this.serial = serial;
    }

    /**
     * The identifier of a certificate.
     *
     * @throws IllegalArgumentException if the certificate has no Authority Key Identifier with a keyIdentifier
     *                                  (RFC 9773 section 2 assumes one)
     */
    public static AriCertId of(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (value == null) {
            throw new IllegalArgumentException("the certificate has no Authority Key Identifier");
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
        if (keyId == null || keyId.length == 0) {
            throw new IllegalArgumentException("the certificate's Authority Key Identifier has no keyIdentifier");
        }
        return new AriCertId(keyId, certificate.getSerialNumber());
    }

    /**
     * Reads an identifier as a client sent it.
     *
     * @throws IllegalArgumentException with the reason, if it is not one
     */
    public static AriCertId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > LONGEST) {
            throw new IllegalArgumentException("a certID is base64url(AKI keyIdentifier) \".\" base64url(serial), at most "
                    + LONGEST + " characters");
        }
        int dot = text.indexOf('.');
        if (dot < 0 || dot != text.lastIndexOf('.')) {
            throw new IllegalArgumentException("a certID has exactly one \".\" between the key identifier and the serial");
        }
        byte[] keyId = decode(text.substring(0, dot), "key identifier");
        byte[] serialOctets = decode(text.substring(dot + 1), "serial");
        BigInteger serial = new BigInteger(serialOctets);
        if (serial.signum() <= 0 || !Arrays.equals(serial.toByteArray(), serialOctets)) {
            throw new IllegalArgumentException("the certID's serial is not the DER encoding of a positive serial number"
                    + " (RFC 5280 section 4.1.2.2; a leading zero octet only before a high bit)");
        }
        return new AriCertId(keyId, serial);
    }

    private static byte[] decode(String part, String what) {
        if (!BASE64URL.matcher(part).matches()) {
            throw new IllegalArgumentException("the certID's " + what + " is not unpadded base64url");
        }
        byte[] octets;
        try {
            octets = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certID's " + what + " is not base64url", e);
        }
        // a canonical encoding only: "AB" and "AA" both decode to 0x00, only the latter is what an encoder writes
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(octets).equals(part)) {
            throw new IllegalArgumentException("the certID's " + what + " is not canonical base64url");
        }
        return octets;
    }

    /** The issuer key's identifier, as the certificate's Authority Key Identifier names it. */
    public byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }

    public BigInteger serial() {
        return serial;
    }

    /** The serial as {@code ca_certificate.serial_hex} holds it. */
    public String serialHex() {
        return serial.toString(16);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AriCertId id && Arrays.equals(keyIdentifier, id.keyIdentifier) && serial.equals(id.serial);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keyIdentifier) + serial.hashCode();
    }

    /** The identifier's text form. */
    @Override
    public String toString() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(keyIdentifier) + "." + encoder.encodeToString(serial.toByteArray());
    }
}
