package org.shakenpki.pa;

/**
 * A request to put a SHAKEN certificate on the STI-PA CRL: either the certificate (PEM, optionally followed
 * by its chain), or its issuer's distinguished name (RFC 4514) and serial number (hex).
 *
 * @param certificatePem the certificate and chain, or null
 * @param issuerDn       the issuing STI-CA's subject DN, or null
 * @param serialHex      the serial number in hex, or null
 * @param reason         an RFC 5280 reason name or code, or null for unspecified
 */
public record RevocationRequest(String certificatePem, String issuerDn, String serialHex, String reason) {
}
