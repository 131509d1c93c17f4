/**
 * The Secure Key Store (ATIS-1000080 section 5.2): every private key of the application, on one PKCS#11 token
 * per role through SunPKCS11 (SoftHSM2 in tests and in the embedded default, a real HSM in production; see
 * hsm-config/). Keys are generated non-extractable on the token; callers get a {@link org.shakenpki.sks.Signer},
 * never a key. Key creation and deletion follow the database transaction through a journal, so a rollback or a
 * crash leaves no orphan key and destroys no live one.
 *
 * <p>May depend on: {@code audit}, {@code problem} and the JDK.
 */
package org.shakenpki.sks;
