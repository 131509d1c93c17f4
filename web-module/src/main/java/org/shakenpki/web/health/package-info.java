/**
 * MicroProfile Health checks for {@code /health}: each HSM token, the database, the SP-KMS.
 *
 * <p>May depend on: status views of the roles and kernels; never on a token or key.
 */
package org.shakenpki.web.health;
