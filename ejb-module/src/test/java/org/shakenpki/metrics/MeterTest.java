package org.shakenpki.metrics;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue's names are valid, unique Prometheus names in the project's namespace. */
class MeterTest {

    @Test
    void namesAreUniquePrometheusNamesWithTheProjectPrefix() {
        Set<String> exported = new HashSet<>();
        for (Meter meter : Meter.values()) {
            assertTrue(meter.metricName().matches("shakenpki_[a-z0-9_]+"), meter.metricName());
            assertTrue(!meter.metricName().endsWith("_total"), meter + ": the exporter adds _total");
            for (String name : meter.exportedNames()) {
                assertTrue(exported.add(name), name + " is exported twice");
            }
            for (String tag : meter.tags()) {
                assertTrue(tag.matches("[a-z][a-z_]*") && !tag.equals("mp_scope"), meter + " tag " + tag);
            }
            assertTrue(!meter.description().isBlank(), meter.toString());
        }
    }
}
