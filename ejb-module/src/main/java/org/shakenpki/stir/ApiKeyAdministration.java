package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The STI-AS administrator's management of API keys: create one (bound to SPCs and a strongest attestation,
 * its secret returned once), list them, revoke one. Each operation authorises the caller with the STI-AS admin
 * token ({@link AsAdmin}), acts, and writes an audit record in the same transaction (ATIS-1000080 section 5:
 * credential management is traceable).
 */
@Stateless
public class ApiKeyAdministration {
    static final String ACTOR = "sti-as-admin";
    /** An SPC as the STI-PA assigns them (ATIS-1000080): letters and digits; the list is stored comma-separated. */
    private static final Pattern SPC = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final int MAX_SPCS = 30;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AsAdmin admin;

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<ApiKeyRevoked> revocations;

    /**
     * A new key and its secret, which is not kept anywhere: the caller must show it now.
     *
     * @param key    the stored key
     * @param secret the bearer secret its holder signs with
     */
    public record Created(ApiKeyInfo key, String secret) {
    }

    /**
     * Creates a key.
     *
     * @param authorization the request's {@code Authorization} header
     * @throws ProblemException UNAUTHENTICATED without the admin token, MALFORMED naming the bad member
     */
    public Created create(String authorization, String name, List<String> spcs, String maxAttest) {
        admin.check(authorization);
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(ProblemType.MALFORMED, "name must be 1 to 100 printable characters");
        }
        Set<String> bound = new TreeSet<>();
        for (String spc : spcs == null ? List.<String>of() : spcs) {
            if (spc == null || !SPC.matcher(spc).matches()) {
                throw new ProblemException(ProblemType.MALFORMED, "spcs: \"" + spc + "\" is not an SPC (letters and digits)");
            }
            bound.add(spc);
        }
        if (bound.isEmpty() || bound.size() > MAX_SPCS) {
            throw new ProblemException(ProblemType.MALFORMED, "spcs must name 1 to " + MAX_SPCS + " SPCs the key may sign for");
        }
        Attestation max;
        try {
            max = Attestation.of(maxAttest);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "maxAttest must be \"A\", \"B\" or \"C\" (RFC 8588 section 4)");
        }
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(name.strip(), ApiKeySecrets.sha256Hex(secret), bound, max, now());
        em.persist(key);
        em.flush();
        audit.record(ACTOR, "as.api-key.create", subject(key), Outcome.SUCCESS,
                "name " + key.name() + ", SPCs " + String.join(",", key.spcs()) + ", attestation up to " + max);
        return new Created(ApiKeyInfo.of(key), secret);
    }

    /** Every key, oldest first. */
    public List<ApiKeyInfo> list(String authorization) {
        admin.check(authorization);
        return em.createQuery("select k from ApiKey k order by k.id", ApiKey.class).getResultStream().map(ApiKeyInfo::of).toList();
    }

    /**
     * Revokes a key: signing requests with it are refused from now on (on other nodes of a cluster within the
     * authentication cache's lifetime). Revoking a revoked key changes nothing.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token, NOT_FOUND for an unknown id
     */
    public ApiKeyInfo revoke(String authorization, long id) {
        admin.check(authorization);
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no STI-AS API key " + id);
        }
        if (!key.revoked()) {
            key.revoke(now());
            audit.record(ACTOR, "as.api-key.revoke", subject(key), Outcome.SUCCESS, "name " + key.name());
            revocations.fire(new ApiKeyRevoked(key.secretSha256()));
        }
        return ApiKeyInfo.of(key);
    }

    static String subject(ApiKey key) {
        return "api-key:" + key.id();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
