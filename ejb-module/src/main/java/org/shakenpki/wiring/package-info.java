/**
 * In-process wiring between roles of one deployment: adapters that connect a role's port to another role of
 * this application, so that neither role imports the other and each can be replaced by another vendor's
 * product behind the same port. {@link org.shakenpki.wiring.KmsSigningCredentials} gives the STI-AS
 * ({@code org.shakenpki.stir}) the credentials of this deployment's SP-KMS ({@code org.shakenpki.kms}).
 *
 * <p>May depend on the roles it connects; no role depends on it.
 */
package org.shakenpki.wiring;
