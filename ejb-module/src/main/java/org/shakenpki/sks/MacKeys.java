package org.shakenpki.sks;

/**
 * The optional part of a {@link KeyStoreToken} that holds HMAC-SHA256 keys (RFC 2104) as sensitive,
 * non-extractable secret-key objects: the key is imported once and afterwards only used on the token, never
 * read back. The STI-CA keeps its External Account Binding keys this way (RFC 8555 section 7.3.4), because it must
 * compute the MAC and yet must not be able to show the key again.
 *
 * <p>Callers import through {@link KeyService#importMacKey}, which ties the key to their transaction.
 */
public interface MacKeys {

    /**
     * Imports an HMAC-SHA256 key under a new alias.
     *
     * @throws org.shakenpki.problem.ProblemException CONFLICT if the alias exists
     */
    void importMacKey(String alias, byte[] key);

    /**
     * Whether {@code mac} is the HMAC-SHA256 of {@code data} under the key of the alias, compared in constant time;
     * false when there is no such key.
     */
    boolean verifyMac(String alias, byte[] data, byte[] mac);

    /** Whether the token holds a secret key under the alias (also one another process stored). */
    boolean holdsMacKey(String alias);
}
