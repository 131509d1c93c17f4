package org.shakenpki.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.shakenpki.it.StiPaClient.check;

/**
 * One scrape of {@code /metrics?scope=application} (Prometheus text format 0.0.4), read into series: name, labels,
 * value. Lookups sum the series of a name whose labels include the given ones, so a test names only the labels it
 * cares about and a series not exported yet counts as 0.
 */
final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Series(String name, Map<String, String> labels, double value) {
    }

    final String text;
    final List<Series> series;

    private PrometheusScrape(String text, List<Series> series) {
        this.text = text;
        this.series = series;
    }

    static PrometheusScrape of(URI base) throws Exception {
        return parse(check(Http.get(base.resolve("metrics?scope=application")), 200).body());
    }

    static PrometheusScrape parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new PrometheusScrape(text, series);
    }

    /** The sum of the series {@code name} whose labels include {@code labels} (pairs: name, value, ...). */
    double value(String name, String... labels) {
        double sum = 0;
        for (Series one : series) {
            if (one.name().equals(name) && matches(one.labels(), labels)) {
                sum += one.value();
            }
        }
        return sum;
    }

    /** Whether a series of this name, with these label values where given, is exported. */
    boolean has(String name, String... labels) {
        return series.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels));
    }

    private static boolean matches(Map<String, String> have, String... wanted) {
        for (int i = 0; i + 1 < wanted.length; i += 2) {
            if (!wanted[i + 1].equals(have.get(wanted[i]))) {
                return false;
            }
        }
        return true;
    }
}
