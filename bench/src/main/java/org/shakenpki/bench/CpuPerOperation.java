package org.shakenpki.bench;

/** Server CPU per operation from two {@code /proc/<pid>/stat} readings (utime + stime, in clock ticks). */
final class CpuPerOperation {
    private CpuPerOperation() {
    }

    /** Milliseconds of CPU per operation; NaN when nothing completed. */
    static double ms(long ticks, int clockTicksPerSecond, long operations) {
        return operations > 0 ? ticks * 1000.0 / clockTicksPerSecond / operations : Double.NaN;
    }
}
