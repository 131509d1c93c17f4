package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * STI-PA logins, compatible with the deployed US STI-PA API ({@code /api/v1/auth/login}, bearer access
 * tokens sent raw or with a {@code Bearer } prefix in {@code Authorization}). Tokens are random, stored
 * hashed, expire ({@code shakenpki.pa.access-token-lifetime}, default 1 h; refresh tokens
 * {@code shakenpki.pa.refresh-token-lifetime}, default 24 h) and are valid on every node.
 *
 * <p>Password checks are throttled per client source, which the web tier determines ({@link ClientSource})
 * and passes in, and per person-chosen password ({@link LoginThrottle}); a refused source or locked user gets
 * a 429 problem with {@code retryAfter} before any password is checked, except that a service user's
 * password is always checked, so that an outsider cannot lock the STI-PA's own clients out.
 */
@Stateless
public class Authentication {
    private static final String INVALID = "invalid userId or password";
    private static final String INVALID_CODE = "invalid userId, password or one-time code";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @EJB
    LoginFailures failures;

    @Inject
    PaSettings settings;

    /** Checks a password from a client source and opens a session; throttles repeated failures. */
    public LoginResult login(String userId, String password, String source) {
        PaUser user = checkPassword(userId, password, source);
        String access = Passwords.randomSecret();
        String refresh = Passwords.randomSecret();
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.persist(new PaSession(user.userId(), Passwords.tokenHash(access), now.plus(settings.accessTokenLifetime()),
                Passwords.tokenHash(refresh), now.plus(settings.refreshTokenLifetime())));
        audit.record(userId, "pa.login", "user:" + userId, Outcome.SUCCESS, "");
        return new LoginResult(access, refresh, settings.accessTokenLifetime().toSeconds());
    }

    /** The user behind a password, for HTTP Basic on the admin API; same checks and throttle as a login. */
    public PaPrincipal authenticatePassword(String userId, String password, String source) {
        PaUser user = checkPassword(userId, password, source);
        return new PaPrincipal(user.userId(), user.role(), user.accountId());
    }

    /**
     * A console login (docs/console.md): the same password check, throttle and lock-out as {@link #login}, and
     * the same audit record with {@code console} as its detail; the session is the web container's. A user with a
     * second factor also gives the current one-time code ({@link Totp}); a wrong code counts as a failed login.
     */
    public PaPrincipal consoleLogin(String userId, String password, String code, String source) {
        PaUser user = checkPassword(userId, password, code, source);
        audit.record(userId, "pa.login", "user:" + userId, Outcome.SUCCESS, "console");
        return new PaPrincipal(user.userId(), user.role(), user.accountId());
    }

    /** Records the end of a console session. */
    public void consoleLogout(String userId) {
        audit.record(userId, "pa.logout", "user:" + userId, Outcome.SUCCESS, "console");
    }

    /**
     * The principal of a console session's user as of now: role and account are read again on every request,
     * so a deactivated user or a changed role takes effect at once.
     *
     * @throws ProblemException UNAUTHENTICATED if the user is gone or inactive
     */
    public PaPrincipal principal(String userId) {
        PaUser user = activeUser(userId);
        return new PaPrincipal(user.userId(), user.role(), user.accountId());
    }

    /**
     * Changes the caller's own password after checking the current one (throttled like a login, so a stolen
     * session cannot guess it); the new one has at least 12 characters and differs from the current one.
     */
    public void changePassword(PaPrincipal caller, String current, String next, String source) {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "log in first");
        }
        // the session already passed the second factor: the current password is what is asked again
        PaUser user = checkPassword(caller.userId(), current, null, source, false);
        if (next == null || next.length() < AccountAdministration.MIN_PASSWORD) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "a password has at least " + AccountAdministration.MIN_PASSWORD + " characters");
        }
        if (next.equals(current)) {
            throw new ProblemException(ProblemType.MALFORMED, "the new password is the current one");
        }
        user.setPassword(Passwords.hash(next), false);
        audit.record(caller.userId(), "pa.user.password-change", "user:" + caller.userId(), Outcome.SUCCESS, "");
    }

    /** A new second-factor secret for the caller to enter in an authenticator app; nothing is stored yet. */
    public String newSecondFactorSecret(PaPrincipal caller) {
        activeUser(requireCaller(caller).userId());
        return Totp.newSecret();
    }

    /** Whether the caller logs in with a one-time code. */
    public boolean hasSecondFactor(PaPrincipal caller) {
        return activeUser(requireCaller(caller).userId()).hasSecondFactor();
    }

    /**
     * Turns the caller's second factor on, once a code from the app proves that the secret was entered; from then
     * on the user logs in only with a code (RFC 6238). Another administrator's password reset turns it off.
     */
    public void enableSecondFactor(PaPrincipal caller, String secret, String code) {
        PaUser user = activeUser(requireCaller(caller).userId());
        if (secret == null || !secret.matches("[A-Z2-7]{32}")) {
            throw new ProblemException(ProblemType.MALFORMED, "start the set-up again: the secret is not one this STI-PA made");
        }
        java.util.OptionalLong step = Totp.accept(secret, code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED, "the one-time code does not match the secret: check the app's"
                    + " entry and the clock, and give the current code");
        }
        user.setTotp(secret, step.getAsLong());
        audit.record(caller.userId(), "pa.user.second-factor", "user:" + caller.userId(), Outcome.SUCCESS, "TOTP on");
    }

    private static PaPrincipal requireCaller(PaPrincipal caller) {
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "log in first");
        }
        return caller;
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
        session.renew(Passwords.tokenHash(access), now.plus(settings.accessTokenLifetime()), Passwords.tokenHash(refresh),
                now.plus(settings.refreshTokenLifetime()));
        audit.record(session.userId(), "pa.refresh", "user:" + session.userId(), Outcome.SUCCESS, "");
        return new LoginResult(access, refresh, settings.accessTokenLifetime().toSeconds());
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

    private PaUser checkPassword(String userId, String password, String source) {
        return checkPassword(userId, password, null, source, true);
    }

    private PaUser checkPassword(String userId, String password, String code, String source) {
        return checkPassword(userId, password, code, source, true);
    }

    /**
     * The password check; for a user with a second factor also the one-time code, before the failure count is
     * reset, so that a known password does not open unlimited guessing of codes. Without a code (the API) such a
     * user is refused: its password alone opens nothing.
     */
    private PaUser checkPassword(String userId, String password, String code, String source, boolean secondFactor) {
        PaUser user = em.find(PaUser.class, userId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (user == null || !user.secretGenerated()) {
            LoginSource counted = em.find(LoginSource.class, source);
            if (counted != null && counted.blockedUntil() != null && counted.blockedUntil().isAfter(now)) {
                throw throttled(userId, source, "source", now, counted.blockedUntil());
            }
            if (user != null && user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
                throw throttled(userId, source, "user", now, user.lockedUntil());
            }
        }
        if (user == null || !user.active() || !Passwords.matches(password, user.passwordHash())) {
            recordFailure(userId, source, user == null ? "unknown user" : !user.active() ? "inactive user" : "wrong password");
            Metrics.login(Metrics.LOGIN_FAILURE);
            throw new ProblemException(ProblemType.UNAUTHENTICATED, INVALID);
        }
        if (secondFactor && user.hasSecondFactor()) {
            java.util.OptionalLong step = Totp.accept(user.totpSecret(), code, clock.instant(), user.totpLastStep());
            if (step.isEmpty()) {
                recordFailure(userId, source, code == null ? "no one-time code (the user has a second factor)"
                        : "wrong or reused one-time code");
                throw new ProblemException(ProblemType.UNAUTHENTICATED, code == null
                        ? "this user logs in with a one-time code as well, in the console" : INVALID_CODE);
            }
            user.totpUsed(step.getAsLong());
        }
        user.loginSucceeded();
        Metrics.login(Metrics.LOGIN_SUCCESS);
        return user;
    }

    private ProblemException throttled(String userId, String source, String what, OffsetDateTime now, OffsetDateTime until) {
        failures.recordRefused(userId, source, what, until);
        Metrics.login(Metrics.LOGIN_THROTTLED);
        long seconds = LoginThrottle.retryAfterSeconds(now, until);
        return new ProblemException(ProblemType.RATE_LIMITED, "too many failed logins; try again in " + seconds + " s",
                null, List.of(), Map.of("retryAfter", seconds));
    }

    /** Two nodes counting the first failure of one source both insert its row: the loser counts again. */
    private void recordFailure(String userId, String source, String why) {
        try {
            failures.record(userId, source, why);
        } catch (EJBException e) {
            failures.record(userId, source, why);
        }
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
