package org.shakenpki.pkix;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM (RFC 7468) text of certificates: what the STI-CR serves and the STI-PA trust-anchor file holds. */
public final class Pem {
    private Pem() {
    }

    /** The PEM text of the certificates, in order. */
    public static String encode(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return pem.toString();
    }

    public static String encode(X509Certificate certificate) {
        return encode(List.of(certificate));
    }

    /**
     * The certificates of a PEM text (or of a single DER certificate).
     *
     * @throws IllegalArgumentException if it holds no certificate or something else
     */
    public static List<X509Certificate> certificates(byte[] pemOrDer) {
        try {
            List<X509Certificate> list = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pemOrDer)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no certificate found");
            }
            return list;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not PEM or DER certificates", e);
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        return certificates(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** One certificate from its DER encoding. */
    public static X509Certificate certificate(byte[] der) {
        return certificates(der).get(0);
    }
}
