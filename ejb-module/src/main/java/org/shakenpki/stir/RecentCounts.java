package org.shakenpki.stir;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts of events by kind over the last minutes, hour and day: a ring of one-minute buckets (a day's worth), each
 * reused once its minute has passed. What the STI-VS console page shows as "last hour" and "last day" (the
 * Prometheus counters at {@code /metrics} give the same over any range; this is for an operator without one).
 * Each bucket is its own lock, so concurrent verifications contend only within the same minute.
 */
final class RecentCounts {
    static final int MINUTES = 24 * 60;

    private static final class Bucket {
        long minute = Long.MIN_VALUE;
        final long[] counts;

        Bucket(int kinds) {
            counts = new long[kinds];
        }
    }

    private final Bucket[] ring = new Bucket[MINUTES];
    private final int kinds;

    RecentCounts(int kinds) {
        this.kinds = kinds;
        for (int i = 0; i < MINUTES; i++) {
            ring[i] = new Bucket(kinds);
        }
    }

    /** Counts one event of kind {@code kind} at {@code at}. */
    void count(int kind, Instant at) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        Bucket bucket = ring[(int) Math.floorMod(minute, MINUTES)];
        synchronized (bucket) {
            if (bucket.minute != minute) {
                bucket.minute = minute;
                java.util.Arrays.fill(bucket.counts, 0);
            }
            bucket.counts[kind]++;
        }
    }

    /** The events of each kind in the {@code window} (whole minutes, at most a day) up to {@code now}. */
    long[] within(Duration window, Instant now) {
        long last = Math.floorDiv(now.getEpochSecond(), 60);
        long minutes = Math.min(MINUTES, Math.max(1, window.toMinutes()));
        long[] sum = new long[kinds];
        for (int i = 0; i < MINUTES; i++) {
            Bucket bucket = ring[i];
            synchronized (bucket) {
                if (bucket.minute > last - minutes && bucket.minute <= last) {
                    for (int k = 0; k < kinds; k++) {
                        sum[k] += bucket.counts[k];
                    }
                }
            }
        }
        return sum;
    }
}
