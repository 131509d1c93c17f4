package org.shakenpki.stir;

/**
 * The CDI event a {@link SigningCredentialSource} fires when the credential of an SPC changed (a first
 * certificate, a renewal), once the change is committed: the STI-AS switches to it without a restart.
 *
 * @param spc      the SPC
 * @param keyAlias the new key, for the log
 */
public record SigningCredentialChanged(String spc, String keyAlias) {
}
