package org.shakenpki.config;

import java.time.Duration;

/**
 * Exponential backoff, the one rule every retry in the application follows (failed logins, issuance attempts,
 * notifications, revocation reports): {@code first}, doubling with each earlier failure, never above
 * {@code longest}.
 */
public final class Backoff {
    private Backoff() {
    }

    /** The delay after {@code failures} earlier failures (0 for the first retry). */
    public static Duration delay(Duration first, int failures, Duration longest) {
        Duration delay = first.multipliedBy(1L << Math.max(0, Math.min(failures, 30)));
        return delay.isNegative() || delay.compareTo(longest) > 0 ? longest : delay;
    }
}
