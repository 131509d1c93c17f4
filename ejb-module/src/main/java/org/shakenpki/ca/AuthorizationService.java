package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * ACME authorizations and their {@code tkauth-01} challenge (RFC 8555 section 7.5, RFC 9448 section 4).
 *
 * <p>The challenge response carries the SPC token under {@code tkauth} (RFC 9448) or, as deployed clients
 * send it, {@code atc} or {@code ATC}. It is validated at once ({@link TkAuthValidator}); the outcome, valid or
 * invalid with its error, is stored and returned in the challenge object, and the order follows (ready or
 * invalid).
 */
@Stateless
public class AuthorizationService {
    private static final Logger LOG = Logger.getLogger(AuthorizationService.class.getName());
    private static final List<String> TOKEN_FIELDS = List.of("tkauth", "atc", "ATC");

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    AcmeGate gate;

    @EJB
    AuditLog audit;

    @Inject
    StiPaTrustAnchors anchors;

    @Inject
    X5uSource x5u;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    /** The authorization (POST-as-GET) or its deactivation (section 7.5.2). */
    public Views.Authorization authorization(AcmeRequest request, String id) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        AcmeAuthorization authorization = own(auth, em.find(AcmeAuthorization.class, id));
        if (!auth.jws().isPostAsGet()) {
            Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
            if (!AcmeStatus.DEACTIVATED.is(payload.get("status"))) {
                throw new ProblemException(ProblemType.MALFORMED, "a client may only set the authorization status to deactivated");
            }
            if (!AcmeStatus.PENDING.is(authorization.status) && !AcmeStatus.VALID.is(authorization.status)) {
                throw new ProblemException(ProblemType.MALFORMED, "the authorization is " + authorization.status);
            }
            authorization.deactivate();
            failOrder(authorization, ProblemType.UNAUTHORIZED, "the authorization was deactivated");
            audit.record("acme:" + authorization.accountId, "ca.authorization.deactivate", "acme-authz:" + id, Outcome.SUCCESS, "");
        }
        return view(authorization);
    }

    /** The challenge (POST-as-GET) or the client's response to it. */
    public Views.Challenge challenge(AcmeRequest request, String challengeId) {
        AcmeGate.Authenticated auth = gate.authenticate(request, AcmeGate.KeyUse.KID);
        AcmeAuthorization authorization = own(auth, em.createQuery(
                "select a from AcmeAuthorization a where a.challengeId = :c", AcmeAuthorization.class)
                .setParameter("c", challengeId).getResultStream().findFirst().orElse(null));
        expire(authorization);
        if (auth.jws().isPostAsGet() || !AcmeStatus.PENDING.is(authorization.challengeStatus)) {
            return challengeView(authorization);
        }
        Map<String, Object> payload = AcmeJws.jsonPayload(auth.jws());
        String field = TOKEN_FIELDS.stream().filter(payload::containsKey).findFirst().orElseThrow(() ->
                new ProblemException(ProblemType.MALFORMED, "the tkauth-01 response must carry the token as tkauth"));
        if (!(payload.get(field) instanceof String token)) {
            throw new ProblemException(ProblemType.MALFORMED, field + " must be the token (a JWT string)");
        }
        if (!"tkauth".equals(field)) {
            LOG.info(() -> "tkauth-01 response for " + challengeId + " uses the deployed key \"" + field + "\" instead of \"tkauth\"");
        }
        validate(authorization, token, AcmeJws.publicJwkKey(auth.key()));
        return challengeView(authorization);
    }

    private void validate(AcmeAuthorization authorization, String token, java.security.PublicKey accountKey) {
        TkAuthValidator validator = new TkAuthValidator(clock, anchors::anchors, x5u::certificates,
                new TkAuthValidator.SignerPolicy(settings.x5uPrefixes(), settings.tokenSignerFingerprints(),
                        settings.tokenSignerIssuers()),
                settings.acceptSeedTokens());
        String subject = "acme-authz:" + authorization.id;
        try {
            TkAuthValidator.Result result = validator.validate(token, TNAuthList.fromBase64(authorization.identifier), accountKey);
            authorization.validated(OffsetDateTime.now(clock), result.ca(), result.jti());
            em.find(AcmeOrder.class, authorization.orderId).authorized();
            LOG.info(() -> "tkauth-01 valid for " + authorization.id + ": " + result.shape() + " token, fingerprint form " + result.fingerprintForm()
                    + ", jti " + result.jti());
            audit.record("acme:" + authorization.accountId, "ca.challenge.valid", subject, Outcome.SUCCESS,
                    result.shape() + " token, jti " + result.jti() + ", ca " + result.ca() + ", fingerprint " + result.fingerprintForm()
                            + ", signer " + result.signer());
            Metrics.tkAuth(null);
        } catch (ProblemException e) {
            authorization.invalid(e.type().uri(), e.detail());
            failOrder(authorization, e.type(), e.detail());
            audit.record("acme:" + authorization.accountId, "ca.challenge.invalid", subject, Outcome.FAILURE, e.detail());
            Metrics.tkAuth(e.type());
        }
    }

    private void failOrder(AcmeAuthorization authorization, ProblemType type, String detail) {
        em.find(AcmeOrder.class, authorization.orderId).fail(type.uri(), detail);
    }

    private void expire(AcmeAuthorization authorization) {
        if (AcmeStatus.PENDING.is(authorization.status) && authorization.expiresAt.isBefore(OffsetDateTime.now(clock))) {
            authorization.expire();
        }
    }

    private AcmeAuthorization own(AcmeGate.Authenticated auth, AcmeAuthorization authorization) {
        if (authorization == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no such authorization or challenge");
        }
        if (!authorization.accountId.equals(auth.account().id)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "the authorization belongs to another account");
        }
        return authorization;
    }

    Views.Authorization view(AcmeAuthorization authorization) {
        expire(authorization);
        return new Views.Authorization(authorization.id, authorization.status, authorization.expiresAt,
                authorization.identifier, challengeView(authorization));
    }

    static Views.Challenge challengeView(AcmeAuthorization a) {
        return new Views.Challenge(a.challengeId, a.id, a.challengeStatus, a.challengeToken, a.validatedAt,
                a.errorType == null ? null : new Views.Problem(a.errorType, a.errorDetail));
    }
}
