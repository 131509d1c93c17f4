package org.shakenpki.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and nearest-rank percentiles: runs on a shared machine are noisy, so the median is what is reported. */
public final class Stats {
    private Stats() {
    }

    /** The median of the values (the mean of the two middle ones for an even count); NaN when empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The nearest-rank percentile (0 &lt; p &lt;= 100) of the values; NaN when empty. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
