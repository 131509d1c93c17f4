package org.shakenpki.ca;

import com.nimbusds.jose.jwk.JWK;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.text.ParseException;

/**
 * Authenticates an ACME request (RFC 8555 section 6.2-6.5): the envelope ({@link AcmeJws}), the {@code url},
 * the key ({@code jwk} where section 6.2 requires it, otherwise the account named by {@code kid}), the
 * signature, and finally the nonce, so that a forged request cannot use up someone else's nonce.
 */
@Stateless
public class AcmeGate {

    /** Which key reference a resource takes. */
    public enum KeyUse { JWK, KID, EITHER }

    /**
     * An authenticated request.
     *
     * @param jws     the verified JWS
     * @param key     the key that signed it
     * @param account the account of a {@code kid}; null for {@code jwk}
     */
    public record Authenticated(AcmeJws.Parsed jws, JWK key, AcmeAccount account) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    NonceService nonces;

    public Authenticated authenticate(AcmeRequest request, KeyUse use) {
        AcmeJws.Parsed jws = AcmeJws.parse(request.body());
        AcmeJws.requireUrl(jws, request.url());
        if (use == KeyUse.JWK && jws.jwk() == null) {
            throw new ProblemException(ProblemType.MALFORMED, "this request must be signed with a jwk, not a kid");
        }
        if (use == KeyUse.KID && jws.kid() == null) {
            throw new ProblemException(ProblemType.MALFORMED, "this request must name the account with kid, not jwk");
        }
        AcmeAccount account = null;
        JWK key = jws.jwk();
        if (jws.kid() != null) {
            account = accountOf(jws.kid(), request.accountPrefix());
            key = jwkOf(account);
        }
        AcmeJws.verify(jws, key);
        if (!nonces.consume(jws.nonce())) {
            throw new ProblemException(ProblemType.BAD_NONCE, "the nonce is unknown, used or expired");
        }
        return new Authenticated(jws, key, account);
    }

    /** The account with this key, if any. */
    public AcmeAccount byKey(JWK key) {
        return em.createQuery("select a from AcmeAccount a where a.keyThumbprint = :t", AcmeAccount.class)
                .setParameter("t", Fingerprints.jwkThumbprintBase64Url(key))
                .getResultStream().findFirst().orElse(null);
    }

    static JWK jwkOf(AcmeAccount account) {
        try {
            return JWK.parse(account.jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("stored account key of " + account.id + " cannot be read", e);
        }
    }

    private AcmeAccount accountOf(String kid, String prefix) {
        if (!kid.startsWith(prefix) || kid.length() == prefix.length()) {
            throw new ProblemException(ProblemType.ACCOUNT_DOES_NOT_EXIST, "kid is not an account URL of this server");
        }
        AcmeAccount account = em.find(AcmeAccount.class, kid.substring(prefix.length()));
        if (account == null) {
            throw new ProblemException(ProblemType.ACCOUNT_DOES_NOT_EXIST, "no account at " + kid);
        }
        if (!AcmeStatus.VALID.is(account.status)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the account is " + account.status);
        }
        return account;
    }
}
