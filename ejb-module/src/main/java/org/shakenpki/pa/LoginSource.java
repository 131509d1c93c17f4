package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The failed logins of one client source ({@link ClientSource}: an IPv4 address or an IPv6 /64) and until when
 * it is refused ({@link LoginThrottle}). In the database so that every node of a cluster counts alike.
 */
@Entity
@Table(name = "pa_login_source")
public class LoginSource {
    @Id
    private String source;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure_at", nullable = false)
    private OffsetDateTime lastFailureAt;

    @Column(name = "blocked_until")
    private OffsetDateTime blockedUntil;

    protected LoginSource() {
    }

    LoginSource(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    OffsetDateTime blockedUntil() {
        return blockedUntil;
    }

    /** Counts a failure at {@code now}; returns until when the source is now refused, or null. */
    OffsetDateTime failed(OffsetDateTime now, Duration window, int max) {
        failures = LoginThrottle.countAfterFailure(failures, lastFailureAt, now, window);
        lastFailureAt = now;
        blockedUntil = LoginThrottle.blockedUntil(failures, max, now);
        return blockedUntil;
    }
}
