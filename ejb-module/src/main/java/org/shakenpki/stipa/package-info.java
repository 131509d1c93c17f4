/**
 * The one client of the STI-PA API (ATIS-1000080 sections 5.3 and 6.3, in the shape of the deployed US STI-PA:
 * iconectiv STI-PA-US-API-001) that every role uses: the SP-KMS for SPC tokens (RFC 9447, RFC 9448 section
 * 5.5), the STI-VS for the STI-CA trust list and the indirect CRL with its signer's certificate, the STI-CA for
 * revocation reports. Each role hands it its own {@code shakenpki.<role>.sti-pa*} settings as a
 * {@link org.shakenpki.stipa.StiPaSettings}; {@link org.shakenpki.stipa.StiPaClients} keeps one logged-in
 * session per settings. All traffic goes through {@link org.shakenpki.net.Fetcher}.
 *
 * <p>May depend on: {@code net} and {@code pkix}.
 */
package org.shakenpki.stipa;
