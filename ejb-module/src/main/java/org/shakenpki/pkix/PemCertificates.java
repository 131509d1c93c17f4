package org.shakenpki.pkix;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The strict reading of a certificate URL's body (PASSporT {@code x5u}, ATIS-1000074 section 5.3.1 and RFC 8225
 * section 5.1.1, "application/pem-certificate-chain" of RFC 8555 section 9.1; SPC token {@code x5u}, RFC 9448
 * section 6; the STI-PA's certificates): PEM certificate blocks (RFC 7468 section 5) and nothing that only a
 * lenient parser would take. {@link Pem#certificates(byte[])} also takes DER and PKCS#7, which an x5u must not
 * serve.
 *
 * <p>Accepted: US-ASCII text holding one to {@value #MOST} blocks {@code -----BEGIN CERTIFICATE-----} ...
 * {@code -----END CERTIFICATE-----}, each holding standard base64 (line breaks and spaces between characters
 * allowed, RFC 7468 section 3 lax parsing) that decodes to exactly one DER X.509 certificate and nothing after
 * it. Text outside the blocks is allowed as RFC 7468 section 2 explanatory text, provided it holds no other
 * encapsulation boundary. Refused: any other byte (DER is binary), any other label ({@code PKCS7},
 * {@code X509 CERTIFICATE}, {@code TRUSTED CERTIFICATE}), RFC 1421 headers inside a block, unmatched or nested
 * boundaries.
 */
public final class PemCertificates {
    /** The most certificates a chain may hold: a leaf, intermediates and a root, with room to spare. */
    public static final int MOST = 10;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {
    }

    /**
     * The certificates, in their order.
     *
     * @throws IllegalArgumentException with a fixed message if the body breaks any rule above
     */
    public static List<X509Certificate> strict(byte[] body) {
        for (byte b : body) {
            if (!(b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7f))) {
                throw new IllegalArgumentException("not PEM text: the body holds binary data");
            }
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        List<X509Certificate> certificates = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, at);
            String outside = text.substring(at, begin < 0 ? text.length() : begin);
            if (outside.contains("-----")) {
                throw new IllegalArgumentException("not PEM certificates: a boundary other than CERTIFICATE");
            }
            if (begin < 0) {
                break;
            }
            int contentStart = begin + BEGIN.length();
            int end = text.indexOf(END, contentStart);
            if (end < 0) {
                throw new IllegalArgumentException("not PEM certificates: a block without its END line");
            }
            if (certificates.size() == MOST) {
                throw new IllegalArgumentException("more than " + MOST + " certificates");
            }
            certificates.add(certificate(text.substring(contentStart, end)));
            at = end + END.length();
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("not PEM certificates: no CERTIFICATE block");
        }
        return List.copyOf(certificates);
    }

    private static X509Certificate certificate(String content) {
        if (content.contains("-----") || content.contains(":")) {
            throw new IllegalArgumentException("not PEM certificates: a block holds a boundary or a header");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(content.replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not PEM certificates: a block is not base64");
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new IllegalArgumentException("not PEM certificates: a block holds more than one DER certificate");
            }
            return certificate;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not PEM certificates: a block is not an X.509 certificate");
        }
    }
}
