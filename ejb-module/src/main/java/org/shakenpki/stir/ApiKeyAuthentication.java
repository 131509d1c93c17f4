package org.shakenpki.stir;

import org.shakenpki.config.Bearer;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Authenticates STI-AS signing requests: the {@code Authorization: Bearer <API key>} header (RFC 6750 section
 * 2.1) must carry the secret of a key an administrator created and has not revoked ({@link ApiKeyAdministration}).
 * Anything else is a 401 problem; the web tier adds the {@code WWW-Authenticate} challenge.
 *
 * <p><b>Cache.</b> Signing is the hot path, so keys are not read from the database per request: the answer for a
 * secret's digest (its grant, or "no such key") is kept in memory for {@code shakenpki.as.api-key-cache-ttl}
 * (default 10 s). Revocation must reach every node of a cluster, which share only the database. A short time to
 * live was chosen over checking a revocation timestamp per request because that check is itself a database read
 * per request, which is what the cache is there to avoid; the price is that a revoked key keeps working on the
 * <em>other</em> nodes for at most the time to live. The node that revokes forgets the key at once
 * ({@link ApiKeyRevoked}). Unknown secrets are cached too (a secret of 256 random bits cannot be created later
 * under the same digest), and a secret without this project's prefix and length is refused without a lookup.
 * The map is bounded: when full it is emptied, which costs one read per key afterwards, never a wrong answer.
 *
 * <p>A CDI bean rather than an EJB: it holds only the cache, and the container dispatch of an EJB call per
 * signing request is measurable (see PassportSigner).
 */
@ApplicationScoped
public class ApiKeyAuthentication {
    static final int MAX_CACHED = 10_000;
    private static final int SECRET_LENGTH = ApiKeySecrets.PREFIX.length() + 43;

    @EJB
    ApiKeyDirectory directory;

    @Inject
    Clock clock;

    @Inject
    SigningRefusals refusals;

    @Inject
    AsSettings settings;

    private record Cached(Optional<ApiKeyGrant> grant, long expiresAtMillis) {
    }

    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * The grant of the key an {@code Authorization} header value presents.
     *
     * @throws ProblemException UNAUTHENTICATED when there is no bearer key, or it is unknown or revoked
     */
    public ApiKeyGrant authenticate(String authorization) {
        String secret = Bearer.credential(authorization).orElse(null);
        if (secret == null) {
            throw refuse("anonymous", "sti-as", "signing requests need an STI-AS API key: Authorization: Bearer <key>");
        }
        if (secret.length() != SECRET_LENGTH || !secret.startsWith(ApiKeySecrets.PREFIX)) {
            throw refuse("anonymous", "sti-as", "the API key is not one this STI-AS issued");
        }
        ApiKeyGrant grant = lookup(ApiKeySecrets.sha256Hex(secret)).orElse(null);
        if (grant == null) {
            throw refuse("anonymous", "sti-as", "the API key is not one this STI-AS issued");
        }
        if (grant.revoked()) {
            throw refuse(grant.actor(), "api-key:" + grant.id(), "the API key " + grant.id() + " is revoked");
        }
        return grant;
    }

    /** Forgets a revoked key on this node once its revocation has committed. */
    public void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApiKeyRevoked revoked) {
        cache.remove(revoked.secretSha256());
    }

    private Optional<ApiKeyGrant> lookup(String sha256Hex) {
        long now = clock.millis();
        Cached cached = cache.get(sha256Hex);
        if (cached != null && now < cached.expiresAtMillis()) {
            return cached.grant();
        }
        Optional<ApiKeyGrant> grant = directory.bySecretSha256(sha256Hex);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(sha256Hex, new Cached(grant, now + settings.apiKeyCacheTtl().toMillis()));
        return grant;
    }

    private ProblemException refuse(String actor, String subject, String detail) {
        refusals.unauthenticated(actor, subject, detail);
        return new ProblemException(ProblemType.UNAUTHENTICATED, detail);
    }
}
