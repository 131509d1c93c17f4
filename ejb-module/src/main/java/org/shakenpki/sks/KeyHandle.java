package org.shakenpki.sks;

import java.security.PublicKey;

/**
 * A key pair on a token, named by role and alias; only the public half is here.
 *
 * @param role      the token's role
 * @param alias     the key's alias on that token
 * @param publicKey the public key
 */
public record KeyHandle(String role, String alias, PublicKey publicKey) {
}
