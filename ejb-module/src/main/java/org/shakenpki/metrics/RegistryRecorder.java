package org.shakenpki.metrics;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Recorder} over a MicroProfile Metrics registry. Each (meter, tag values) pair is resolved to its
 * counter or timer once and kept, so an event costs one hash lookup and the increment: the registry's own lookup
 * builds a {@code MetricID} with sorted tags on every call.
 */
final class RegistryRecorder implements Recorder {
    private final MetricRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(Meter meter, String[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.meter == meter && Arrays.equals(key.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * meter.hashCode() + Arrays.hashCode(values);
        }
    }

    RegistryRecorder(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(Meter meter, String... tagValues) {
        counters.computeIfAbsent(new Key(meter, tagValues),
                key -> registry.counter(metadata(meter, MetricUnits.NONE), tags(meter, tagValues))).inc();
    }

    @Override
    public void time(Meter meter, long nanos, String... tagValues) {
        timers.computeIfAbsent(new Key(meter, tagValues),
                key -> registry.timer(metadata(meter, MetricUnits.NANOSECONDS), tags(meter, tagValues))).update(Duration.ofNanos(nanos));
    }

    static Metadata metadata(Meter meter, String unit) {
        return Metadata.builder().withName(meter.metricName()).withDescription(meter.description()).withUnit(unit).build();
    }

    static Tag[] tags(Meter meter, String... values) {
        if (values.length != meter.tags().size()) {
            throw new IllegalArgumentException(meter + " takes the tags " + meter.tags() + ", got " + values.length + " values");
        }
        Tag[] tags = new Tag[values.length];
        for (int i = 0; i < values.length; i++) {
            tags[i] = new Tag(meter.tags().get(i), values[i] == null || values[i].isEmpty() ? "none" : values[i]);
        }
        return tags;
    }
}
