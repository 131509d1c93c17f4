package org.shakenpki.kms;

/**
 * The CDI event fired when a credential's certificate may no longer be signed with although no successor is
 * there yet (the STI-PA CRL lists it, ATIS-1000080 section 5.3.3): the signing service of the same deployment
 * observes it after commit and drops the credential it cached, so it stops putting a revoked x5u in PASSporTs.
 *
 * @param spc       the SPC
 * @param serialHex the serial of the withdrawn certificate
 */
public record CredentialWithdrawn(String spc, String serialHex) {
}
