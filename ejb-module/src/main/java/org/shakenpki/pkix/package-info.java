/**
 * The X.509 and ASN.1 of SHAKEN: the TNAuthList codec (RFC 8226 section 9), the SPC syntax, the ATIS-1000080
 * certificate profile that is linted before anything is signed ({@link org.shakenpki.pkix.ShakenProfile}),
 * certificate extensions, fingerprints, PEM, HSM-backed content signers and the ECDSA verification provider.
 * Trust decisions about chains are not made here but in {@code trust}.
 *
 * <p>May depend on: {@code sks} (signers) and BouncyCastle.
 */
package org.shakenpki.pkix;
