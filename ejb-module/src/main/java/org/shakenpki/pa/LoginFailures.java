package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.config.Backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Counts failed logins and locks a user out for a while after too many: {@code shakenpki.pa.login.max-failures}
 * (default 5) in a row lock the user for 30 s, doubling with every further failure up to 15 minutes. Runs in
 * a transaction of its own, because the refused login itself rolls back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoginFailures {
    private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "shakenpki.pa.login.max-failures", defaultValue = "5")
    int maxFailures;

    /** Records a failed login for {@code userId} (who may not exist) and why. */
    public void record(String userId, String why) {
        PaUser user = em.find(PaUser.class, userId, LockModeType.PESSIMISTIC_WRITE);
        String detail = why;
        if (user != null) {
            int failures = user.failedLogins() + 1;
            OffsetDateTime lockedUntil = null;
            if (failures >= maxFailures) {
                lockedUntil = OffsetDateTime.now(clock).plus(Backoff.delay(FIRST_LOCK, failures - maxFailures, LONGEST_LOCK));
                detail += "; locked until " + lockedUntil;
            }
            user.loginFailed(lockedUntil);
        }
        audit.record(userId, "pa.login", "user:" + userId, Outcome.REFUSED, detail);
    }

    /** Records a login refused because the user is locked out. */
    public void recordLocked(String userId, OffsetDateTime lockedUntil) {
        audit.record(userId, "pa.login", "user:" + userId, Outcome.REFUSED, "throttled until " + lockedUntil);
    }
}
