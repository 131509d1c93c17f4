package org.shakenpki.config;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console login of the roles administered with a bearer admin token (SP-KMS, STI-AS, STI-CA, STI-VS;
 * docs/console.md): the token is checked by the role's admin bean ({@link AdminToken#matches}, constant time),
 * every attempt is audited, and failures are throttled per client source as the STI-PA login throttles them
 * (NIST SP 800-63B section 5.2.2): after {@link #MAX_FAILURES} failures within {@link #WINDOW}, that source is
 * refused for 30 s, doubling with each further failure up to 15 minutes ({@link Backoff}). A 256-bit token cannot
 * be guessed; the throttle keeps a guessing source from filling the audit log and the CPU. Kept per node, in memory:
 * a restart forgets it, which a 256-bit secret can afford.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminTokenLogins {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_SOURCES = 10_000;

    /** Checks a presented token; throws when it is not the role's admin token. */
    public interface Check {
        void run(String token);
    }

    record Failures(int count, Instant last, Instant blockedUntil) {
    }

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    private final Map<String, Failures> bySource = new ConcurrentHashMap<>();

    /**
     * One console login with {@code token} for {@code role} from {@code source}.
     *
     * @throws ProblemException RATE_LIMITED while the source is refused, UNAUTHENTICATED for a wrong token
     */
    public void login(String role, Check check, String token, String source) {
        Instant now = clock.instant();
        Failures failures = bySource.get(source);
        String subject = "console:" + role;
        if (failures != null && failures.blockedUntil() != null && failures.blockedUntil().isAfter(now)) {
            audit.recordIndependently(source, "console.admin-token.login", subject, Outcome.REFUSED,
                    "source refused until " + failures.blockedUntil());
            throw new ProblemException(ProblemType.RATE_LIMITED, "too many failed logins from this address; try again in "
                    + Math.max(1, Duration.between(now, failures.blockedUntil()).toSeconds() + 1) + " s");
        }
        try {
            check.run(token == null ? "" : token.strip());
        } catch (ProblemException e) {
            Failures next = next(failures, now);
            if (bySource.size() >= MAX_SOURCES) {
                bySource.values().removeIf(f -> f.last().plus(WINDOW).isBefore(now));
            }
            bySource.put(source, next);
            audit.recordIndependently(source, "console.admin-token.login", subject, Outcome.REFUSED,
                    "wrong admin token; source " + source + (next.blockedUntil() == null ? "" : "; source refused until " + next.blockedUntil()));
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "that is not the " + role + " admin token");
        }
        bySource.remove(source);
        audit.recordIndependently(source, "console.admin-token.login", subject, Outcome.SUCCESS, "source " + source);
    }

    /** The failures after one more at {@code now}: older ones outside the window are forgotten. */
    static Failures next(Failures previous, Instant now) {
        int count = previous == null || previous.last().plus(WINDOW).isBefore(now) ? 1 : previous.count() + 1;
        Instant blocked = count < MAX_FAILURES ? null
                : now.plus(Backoff.delay(Duration.ofSeconds(30), count - MAX_FAILURES, Duration.ofMinutes(15)));
        return new Failures(count, now, blocked);
    }
}
