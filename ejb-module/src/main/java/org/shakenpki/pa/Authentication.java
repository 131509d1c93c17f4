package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * STI-PA logins, compatible with the deployed US STI-PA API ({@code /api/v1/auth/login}, bearer access
 * tokens sent raw or with a {@code Bearer } prefix in {@code Authorization}). Tokens are random, stored
 * hashed, expire ({@code shakenpki.pa.access-token-lifetime}, default 1 h; refresh tokens
 * {@code shakenpki.pa.refresh-token-lifetime}, default 24 h) and are valid on every node.
 */
@Stateless
public class Authentication {
    private static final String INVALID = "invalid userId or password";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    LoginFailures failures;

    @Inject
    @ConfigProperty(name = "shakenpki.pa.access-token-lifetime", defaultValue = "PT1H")
    Duration accessLifetime;

    @Inject
    @ConfigProperty(name = "shakenpki.pa.refresh-token-lifetime", defaultValue = "PT24H")
    Duration refreshLifetime;

    /** Checks a password and opens a session; throttles repeated failures. */
    public LoginResult login(String userId, String password) {
        PaUser user = checkPassword(userId, password);
        String access = Passwords.randomSecret();
        String refresh = Passwords.randomSecret();
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.persist(new PaSession(user.userId(), Passwords.tokenHash(access), now.plus(accessLifetime),
                Passwords.tokenHash(refresh), now.plus(refreshLifetime)));
        audit.record(userId, "pa.login", "user:" + userId, Outcome.SUCCESS, "");
        return new LoginResult(access, refresh, accessLifetime.toSeconds());
    }

    /** The user behind a password, for HTTP Basic on the admin API; same checks and throttle as a login. */
    public PaPrincipal authenticatePassword(String userId, String password) {
        PaUser user = checkPassword(userId, password);
        return new PaPrincipal(user.userId(), user.role(), user.accountId());
    }

    /** Exchanges a refresh token for a new token pair; the old pair stops working. */
    public LoginResult refresh(String refreshToken) {
        PaSession session = single("select s from PaSession s where s.refreshHash = :hash", refreshToken);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (session == null || session.revoked() || session.refreshExpiresAt().isBefore(now)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "the refresh token is unknown or expired");
        }
        activeUser(session.userId());
        String access = Passwords.randomSecret();
        String refresh = Passwords.randomSecret();
        session.renew(Passwords.tokenHash(access), now.plus(accessLifetime), Passwords.tokenHash(refresh),
                now.plus(refreshLifetime));
        audit.record(session.userId(), "pa.refresh", "user:" + session.userId(), Outcome.SUCCESS, "");
        return new LoginResult(access, refresh, accessLifetime.toSeconds());
    }

    /** Ends the session of an access token. */
    public void logout(String accessToken) {
        PaSession session = single("select s from PaSession s where s.accessHash = :hash", accessToken);
        if (session != null && !session.revoked()) {
            session.revoke();
            audit.record(session.userId(), "pa.logout", "user:" + session.userId(), Outcome.SUCCESS, "");
        }
    }

    /**
     * The caller behind an access token.
     *
     * @throws ProblemException UNAUTHENTICATED if the token is unknown, expired or logged out
     */
    public PaPrincipal authenticate(String accessToken) {
        PaSession session = single("select s from PaSession s where s.accessHash = :hash", accessToken);
        if (session == null || session.revoked() || session.accessExpiresAt().isBefore(OffsetDateTime.now(clock))) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "the access token is unknown or expired");
        }
        PaUser user = activeUser(session.userId());
        return new PaPrincipal(user.userId(), user.role(), user.accountId());
    }

    private PaUser checkPassword(String userId, String password) {
        PaUser user = em.find(PaUser.class, userId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (user != null && user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            failures.recordLocked(userId, user.lockedUntil());
            long seconds = Duration.between(now, user.lockedUntil()).toSeconds() + 1;
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    "too many failed logins; try again in " + seconds + " s", null, List.of(),
                    java.util.Map.of("retryAfter", seconds));
        }
        if (user == null || !user.active() || !Passwords.matches(password, user.passwordHash())) {
            failures.record(userId, user == null ? "unknown user" : !user.active() ? "inactive user" : "wrong password");
            throw new ProblemException(ProblemType.UNAUTHENTICATED, INVALID);
        }
        user.loginSucceeded();
        return user;
    }

    private PaUser activeUser(String userId) {
        PaUser user = em.find(PaUser.class, userId);
        if (user == null || !user.active()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "the user is no longer active");
        }
        return user;
    }

    private PaSession single(String query, String token) {
        List<PaSession> sessions = em.createQuery(query, PaSession.class)
                .setParameter("hash", Passwords.tokenHash(token == null ? "" : token))
                .getResultList();
        return sessions.isEmpty() ? null : sessions.get(0);
    }
}
