package org.shakenpki.kms;

/**
 * The CDI event fired when a credential gets a new certificate: the signing service (STI-AS) of the same
 * deployment observes it after commit and switches to the new key and x5u without a restart.
 *
 * @param spc            the SPC
 * @param keyAlias       the new key on the kms token
 * @param certificateUrl the STI-CR URL of the new chain
 */
public record CredentialIssued(String spc, String keyAlias, String certificateUrl) {
}
