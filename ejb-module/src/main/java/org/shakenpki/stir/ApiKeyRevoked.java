package org.shakenpki.stir;

/**
 * A CDI event fired when an administrator revokes an STI-AS API key, observed after the transaction commits so
 * that this node's authentication cache forgets the key at once (other nodes: see {@link ApiKeyAuthentication}).
 *
 * @param secretSha256 the digest the key is cached under
 */
public record ApiKeyRevoked(String secretSha256) {
}
