package org.shakenpki.stir;

import org.shakenpki.sks.Signer;

import java.time.Instant;

/**
 * A credential the STI-AS signs PASSporTs with (ATIS-1000074 section 5.3.1, RFC 8225 section 5.1.1): the key on
 * an HSM token, the STI-CR URL of its certificate chain that goes into the PASSporT's {@code x5u}, the SPC the
 * certificate's TNAuthList holds (RFC 8226 section 9) and the certificate's validity.
 *
 * @param spc       the SPC of the certificate
 * @param signer    the key; it stays on its token
 * @param x5u       the https URL of the certificate chain
 * @param notBefore the certificate's notBefore
 * @param notAfter  the certificate's notAfter
 */
public record SigningCredential(String spc, Signer signer, String x5u, Instant notBefore, Instant notAfter) {
}
