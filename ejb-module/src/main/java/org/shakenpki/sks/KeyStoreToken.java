package org.shakenpki.sks;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * One PKCS#11 token of the Secure Key Store (ATIS-1000080 section 5.3.1, SKS): the keys of one role
 * ({@code pa}, {@code ca} or {@code kms}).
 *
 * <p>Private keys are generated on the token, sensitive and never extractable; callers get a {@link Signer}
 * and the public key, never the private key. Implementations are thread-safe.
 */
public interface KeyStoreToken {

    /** The role this token serves: {@code pa}, {@code ca} or {@code kms}. */
    String role();

    /**
     * Generates an EC P-256 key pair on the token under a new alias.
     *
     * @throws org.shakenpki.problem.ProblemException CONFLICT if the alias exists
     */
    KeyHandle createKey(String alias);

    /** The key under this alias, if any. */
    Optional<KeyHandle> findKey(String alias);

    /**
     * The public key of an alias.
     *
     * @throws org.shakenpki.problem.ProblemException NOT_FOUND if there is no such key
     */
    PublicKey publicKey(String alias);

    /**
     * A signer that uses the private key of an alias; the key stays on the token.
     *
     * @throws org.shakenpki.problem.ProblemException NOT_FOUND if there is no such key
     */
    Signer signer(String alias);

    /**
     * The key pair of an alias as JCA objects, for libraries that sign through JCA themselves and take no
     * provider (acme4j signs its JWS through jose4j). The private key is a non-extractable token handle; to
     * let provider selection find the token for it, the token's provider is registered with
     * {@link java.security.Security#addProvider} by this call.
     *
     * @throws org.shakenpki.problem.ProblemException NOT_FOUND if there is no such key
     */
    java.security.KeyPair jcaKeyPair(String alias);

    /** The aliases of the keys on this token, sorted. */
    List<String> aliases();

    /** Destroys the key pair under an alias; does nothing if there is none. */
    void deleteKey(String alias);

    /** Whether the token answers, and what it holds. Never throws. */
    TokenStatus status();
}
