package org.shakenpki.config;

import org.junit.jupiter.api.Test;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console login with a role's admin token: constant-time check, audit, and the per-source throttle. */
class AdminTokenLoginsTest {
    private static final String TOKEN = "the-real-admin-token-of-this-role-0123456789";

    private final List<String> audited = new ArrayList<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AdminTokenLogins logins = new AdminTokenLogins();

    AdminTokenLoginsTest() {
        logins.clock = clock;
        logins.audit = new AuditLog() {
            @Override
            public void recordIndependently(String actor, String action, String subject, Outcome outcome, String detail) {
                audited.add(outcome + " " + subject + " " + detail);
            }
        };
    }

    private static void check(String presented) {
        AdminToken.require(token(), presented, "the test API");
    }

    private static AdminToken token() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("token").resolve("admin.token");
            java.nio.file.Files.writeString(file, TOKEN + "\n");
            return AdminToken.loadOrCreate(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWrongTokenIsRefusedAndAuditedWithoutTheToken() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> logins.login("SP-KMS", AdminTokenLoginsTest::check, TOKEN + "x", "192.0.2.1"));
        assertEquals(ProblemType.UNAUTHENTICATED, refused.type());
        assertEquals(1, audited.size());
        assertTrue(audited.get(0).startsWith("REFUSED console:SP-KMS wrong admin token; source 192.0.2.1"), audited.get(0));
        assertFalse(audited.get(0).contains(TOKEN), "the audit record carries the presented token");
        // a prefix of the token, and the empty token, are refused as well
        assertThrows(ProblemException.class, () -> logins.login("SP-KMS", AdminTokenLoginsTest::check, TOKEN.substring(0, 10), "192.0.2.1"));
        assertThrows(ProblemException.class, () -> logins.login("SP-KMS", AdminTokenLoginsTest::check, null, "192.0.2.1"));

        logins.login("SP-KMS", AdminTokenLoginsTest::check, " " + TOKEN + "\n", "192.0.2.1");
        assertTrue(audited.get(audited.size() - 1).startsWith("SUCCESS console:SP-KMS"), audited.toString());
    }

    @Test
    void fiveFailuresFromOneSourceRefuseItEvenTheRightTokenButNotAnotherSource() {
        for (int i = 0; i < AdminTokenLogins.MAX_FAILURES; i++) {
            assertThrows(ProblemException.class, () -> logins.login("STI-CA", AdminTokenLoginsTest::check, "guess", "192.0.2.9"));
        }
        ProblemException blocked = assertThrows(ProblemException.class,
                () -> logins.login("STI-CA", AdminTokenLoginsTest::check, TOKEN, "192.0.2.9"));
        assertEquals(ProblemType.RATE_LIMITED, blocked.type());
        assertTrue(audited.get(audited.size() - 1).contains("source refused until"), audited.toString());
        logins.login("STI-CA", AdminTokenLoginsTest::check, TOKEN, "198.51.100.7");

        clock.advance(Duration.ofSeconds(31));
        logins.login("STI-CA", AdminTokenLoginsTest::check, TOKEN, "192.0.2.9");
    }

    @Test
    void theBlockDoublesWithEveryFurtherFailureUpTo15Minutes() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        AdminTokenLogins.Failures failures = null;
        for (int i = 0; i < 4; i++) {
            failures = AdminTokenLogins.next(failures, now);
            assertEquals(null, failures.blockedUntil());
        }
        failures = AdminTokenLogins.next(failures, now);
        assertEquals(now.plusSeconds(30), failures.blockedUntil());
        failures = AdminTokenLogins.next(failures, now);
        assertEquals(now.plusSeconds(60), failures.blockedUntil());
        for (int i = 0; i < 20; i++) {
            failures = AdminTokenLogins.next(failures, now);
        }
        assertEquals(now.plus(Duration.ofMinutes(15)), failures.blockedUntil());
        // failures older than the window are forgotten
        assertEquals(1, AdminTokenLogins.next(failures, now.plus(Duration.ofMinutes(16))).count());
    }
}
