package org.shakenpki.pa;

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
import java.util.Map;
import java.util.UUID;

/**
 * Issues Service Provider Code tokens: the Authority Tokens of RFC 9447/9448 that an SP presents to an
 * STI-CA in the tkauth-01 challenge (ATIS-1000080 section 6.3.5).
 *
 * <p>Token: ES256 JWT signed on the HSM, header {@code {alg,typ:JWT,x5u}}, payload {@code {exp,jti,atc}} and
 * {@code iss} when {@code shakenpki.pa.token-issuer} is set; {@code atc} is exactly what was asked for
 * (tkvalue echoed in the encoding the client used). Lifetime {@code shakenpki.pa.token-lifetime}, default
 * 24 h: RFC 9447 section 3.3 lets one token serve several challenges until {@code exp}, and clients refuse
 * tokens too short to finish an order.
 *
 * <p>With {@code shakenpki.pa.token-profile=seed} the request is the same but the payload is the shape of
 * ATIS-1000080's overview ({@link SpcTokenClaims#seed}): the request must then name exactly one SPC and no
 * {@code ca:true} ({@link SpcTokenRules#checkSeed}, 400 otherwise).
 *
 * <p>Authority (RFC 9448 section 5.6: the Token Authority validates the TNAuthList against the requester's
 * authority): the caller is an API user of the account; the account is active; every entry is an SPC of the
 * account and active; {@code ca:true} only for accounts allowed delegate CA certificates. Refusals are 403
 * (RFC 9447 section 5.1) with the reason, and audited.
 */
@Stateless
public class SpcTokenIssuer {

    /** An issued token with what the response names. */
    public record Issued(String token, String spcs, String crlUrl) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    PaJwtSigner jwt;

    @EJB
    CrlPublisher crls;

    @EJB
    AuditLog audit;

    @Inject
    PaSettings settings;

    public Issued issue(PaPrincipal caller, String accountId, SpcTokenRequest request) {
        String subject = "account:" + accountId;
        TNAuthList list;
        String seedSpc = null;
        try {
            list = SpcTokenRules.check(request.atc());
            if (settings.tokenProfile() == SpcTokenProfile.SEED) {
                seedSpc = SpcTokenRules.checkSeed(list, request.atc());
            }
        } catch (ProblemException e) {
            audit.recordIndependently(caller.userId(), "pa.token", subject, Outcome.REFUSED, e.detail());
            Metrics.spcToken(false);
            throw e;
        }
        if (caller.role() != UserRole.SP_API || !accountId.equals(caller.accountId())) {
            throw refused(caller, subject, "user " + caller.userId() + " is not an API user of account " + accountId);
        }
        ServiceProviderAccount account = em.find(ServiceProviderAccount.class, accountId);
        if (account == null || !account.active()) {
            throw refused(caller, subject, "account " + accountId + " is not an active service provider account");
        }
        if (list.spcs().size() != list.entries().size()) {
            throw refused(caller, subject, "only SPC entries can be authorized; the TNAuthList has telephone numbers or ranges");
        }
        for (String spc : list.spcs()) {
            ServiceProviderCode code = em.find(ServiceProviderCode.class, spc);
            if (code == null || !code.accountId().equals(accountId)) {
                throw refused(caller, subject, "SPC " + spc + " does not belong to account " + accountId);
            }
            if (!code.active()) {
                throw refused(caller, subject, "SPC " + spc + " is not active");
            }
        }
        if (SpcTokenRules.wantsCa(request.atc()) && !account.caAllowed()) {
            throw refused(caller, subject, "account " + accountId + " may not obtain delegate CA certificates (ca:true)");
        }

        String jti = UUID.randomUUID().toString();
        String fingerprint = (String) request.atc().get("fingerprint");
        Map<String, Object> claims = seedSpc == null
                ? SpcTokenClaims.atc(settings.tokenIssuer(), jti, clock.instant(), settings.tokenLifetime(), request.atc())
                : SpcTokenClaims.seed(settings.tokenIssuer(), jti, clock.instant(), settings.tokenLifetime(), seedSpc, fingerprint);
        String token = jwt.sign(claims);
        String spcs = String.join(",", list.spcs());
        audit.record(caller.userId(), "pa.token", subject, Outcome.SUCCESS, settings.tokenProfile() + " token, jti " + jti + ", spc " + spcs
                + ", ca " + SpcTokenRules.wantsCa(request.atc()) + ", fingerprint " + fingerprint);
        Metrics.spcToken(true);
        return new Issued(token, spcs, crls.crlUrl());
    }

    private ProblemException refused(PaPrincipal caller, String subject, String why) {
        audit.recordIndependently(caller.userId(), "pa.token", subject, Outcome.REFUSED, why);
        Metrics.spcToken(false);
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }
}
