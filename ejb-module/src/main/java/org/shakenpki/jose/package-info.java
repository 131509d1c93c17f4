/**
 * JOSE signing (RFC 7515, RFC 7518 section 3.4) with keys that stay on the HSM: a Nimbus {@code JWSSigner} over
 * an {@link org.shakenpki.sks.Signer}, for the STI-PA's SPC tokens and trust list.
 *
 * <p>May depend on: {@code sks} (the signer).
 */
package org.shakenpki.jose;
