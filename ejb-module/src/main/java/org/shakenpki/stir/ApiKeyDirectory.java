package org.shakenpki.stir;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Reads STI-AS API keys by the digest of their secret: the database half of {@link ApiKeyAuthentication},
 * called only when its cache has no fresh answer. Read-only and outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ApiKeyDirectory {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    /** The grant of the key whose secret has this SHA-256 (lowercase hex), revoked or not; empty if none. */
    public Optional<ApiKeyGrant> bySecretSha256(String sha256Hex) {
        return em.createQuery("select k from ApiKey k where k.secretSha256 = :hash", ApiKey.class)
                .setParameter("hash", sha256Hex)
                .getResultStream()
                // The database found the row by its index; the digest is compared again here in constant time
                // so that no comparison of secret-derived bytes depends on the database's string compare.
                .filter(key -> ApiKeySecrets.sameDigest(key.secretSha256(), sha256Hex))
                .findFirst()
                .map(ApiKey::grant);
    }
}
