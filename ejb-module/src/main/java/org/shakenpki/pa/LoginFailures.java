package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Counts failed logins per client source and per person-chosen password, by the rules of
 * {@link LoginThrottle}: {@code shakenpki.pa.login.max-failures} (default 5) failures from one source within
 * {@code shakenpki.pa.login.failure-window} (default 15 minutes) refuse that source, and
 * {@code shakenpki.pa.login.max-account-failures} (default 20) lock a user whose password a person chose.
 * Service users are never locked. Runs in a transaction of its own, because the refused login itself rolls
 * back; every failure and every refusal is audited.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoginFailures {
    /** Sources with no failure for this long (and not refused) are forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @Inject
    PaSettings settings;

    /** Records a failed login for {@code userId} (who may not exist) from {@code source}, and why. */
    public void record(String userId, String source, String why) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        StringBuilder detail = new StringBuilder(why).append("; source ").append(source);
        LoginSource counted = em.find(LoginSource.class, source, LockModeType.PESSIMISTIC_WRITE);
        if (counted == null) {
            counted = new LoginSource(source);
            em.persist(counted);
        }
        OffsetDateTime sourceBlocked = counted.failed(now, settings.failureWindow(), settings.maxSourceFailures());
        if (sourceBlocked != null) {
            detail.append("; source refused until ").append(sourceBlocked);
        }
        PaUser user = em.find(PaUser.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user != null && !user.secretGenerated()) {
            OffsetDateTime lockedUntil = LoginThrottle.blockedUntil(user.failedLogins() + 1, settings.maxAccountFailures(), now);
            user.loginFailed(lockedUntil);
            if (lockedUntil != null) {
                detail.append("; user locked until ").append(lockedUntil);
            }
        }
        audit.record(userId, "pa.login", "user:" + userId, Outcome.REFUSED, detail.toString());
        em.createQuery("delete from LoginSource s where s.lastFailureAt < :forget"
                        + " and (s.blockedUntil is null or s.blockedUntil < :now)")
                .setParameter("forget", now.minus(FORGET_AFTER.compareTo(settings.failureWindow()) > 0 ? FORGET_AFTER : settings.failureWindow()))
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Records a login refused without a password check, because its source or user is refused until then. */
    public void recordRefused(String userId, String source, String what, OffsetDateTime until) {
        audit.record(userId, "pa.login", "user:" + userId, Outcome.REFUSED,
                what + " refused until " + until + "; source " + source);
    }
}
