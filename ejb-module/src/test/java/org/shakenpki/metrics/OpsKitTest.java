package org.shakenpki.metrics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations kit in {@code docs/ops/} against the metric catalogue: the Grafana dashboard and the alert rules
 * name only series that {@link Meter} exports, every alert has its expression, duration, severity, annotations and
 * a runbook section (and every runbook section an alert), and the README lists every metric. With
 * {@code promtool} installed (Debian package prometheus) the rules are also checked and unit-tested by Prometheus
 * itself, and the dashboard's queries parsed by it.
 */
class OpsKitTest {
    private static final Path OPS = Path.of("..", "docs", "ops");
    private static final Pattern METRIC = Pattern.compile("shakenpki_[a-z0-9_]+");

    private static Set<String> exported() {
        return Stream.of(Meter.values()).flatMap(m -> m.exportedNames().stream()).collect(Collectors.toSet());
    }

    private static Set<String> namesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @Test
    void theDashboardQueriesOnlyExportedSeries() throws IOException {
        Set<String> used = namesIn(Files.readString(OPS.resolve("grafana-dashboard.json")));
        assertTrue(used.size() > 20, "the dashboard covers the catalogue: " + used);
        used.removeAll(exported());
        assertEquals(Set.of(), used, "series the server does not export");
    }

    /** The alert rules, by name: each rule's block of lines. */
    private static Map<String, String> alerts() throws IOException {
        Map<String, String> alerts = new LinkedHashMap<>();
        String name = null;
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(OPS.resolve("prometheus-alerts.yml"))) {
            Matcher alert = Pattern.compile("^\\s*- alert: (\\S+)\\s*$").matcher(line);
            if (alert.matches()) {
                if (name != null) {
                    alerts.put(name, block.toString());
                }
                name = alert.group(1);
                block.setLength(0);
            } else if (name != null) {
                block.append(line).append('\n');
            }
        }
        if (name != null) {
            alerts.put(name, block.toString());
        }
        return alerts;
    }

    @Test
    void everyAlertIsCompleteAndHasARunbookSection() throws IOException {
        Map<String, String> alerts = alerts();
        String runbook = Files.readString(OPS.resolve("runbook.md"));
        assertTrue(alerts.keySet().containsAll(List.of("ShakenPkiCredentialExpiringSoon", "ShakenPkiCredentialFailing",
                "ShakenPkiCrlStale", "ShakenPkiVerificationFailureRate", "ShakenPkiX5uFetchFailures",
                "ShakenPkiHsmTokenOffline", "ShakenPkiAuditChainNotSealing")), alerts.keySet().toString());
        for (Map.Entry<String, String> alert : alerts.entrySet()) {
            String block = alert.getValue();
            for (String field : List.of("expr:", "for:", "labels:", "severity:", "annotations:", "summary:", "runbook:")) {
                assertTrue(block.contains(field), alert.getKey() + " has no " + field);
            }
            assertTrue(block.contains("runbook: \"docs/ops/runbook.md#" + alert.getKey().toLowerCase() + "\""),
                    alert.getKey() + " names its runbook section");
            assertTrue(runbook.contains("\n## " + alert.getKey() + "\n"), alert.getKey() + " has no runbook section");
            Set<String> unknown = namesIn(block);
            unknown.removeAll(exported());
            assertEquals(Set.of(), unknown, alert.getKey() + " uses series the server does not export");
        }
        Matcher sections = Pattern.compile("\n## (\\S+)\n").matcher(runbook);
        while (sections.find()) {
            assertTrue(alerts.containsKey(sections.group(1)), "runbook section without an alert: " + sections.group(1));
        }
    }

    @Test
    void theReadmeListsEveryMetric() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Meter meter : Meter.values()) {
            assertTrue(readme.contains("`" + meter.exportedNames().get(0) + "`"), meter + " is not in the README's metrics table");
        }
    }

    @Test
    void prometheusAcceptsTheRulesTheirUnitTestsAndTheDashboardQueries(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool is not installed");
        promtool(OPS, "check", "rules", "prometheus-alerts.yml");
        promtool(OPS, "test", "rules", "prometheus-alerts.test.yml");
        // the dashboard's queries as recording rules, which promtool parses
        List<String> rules = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
        Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(Files.readString(OPS.resolve("grafana-dashboard.json")));
        int n = 0;
        while (expr.find()) {
            String query = expr.group(1).replace("\\\"", "\"").replace("$instance", ".*");
            rules.add("      - record: dashboard:query" + n++);
            rules.add("        expr: '" + query.replace("'", "''") + "'");
        }
        Files.write(dir.resolve("dashboard-rules.yml"), rules, StandardCharsets.UTF_8);
        promtool(dir, "check", "rules", "dashboard-rules.yml");
    }

    private static void promtool(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", arguments) + ":\n" + output);
    }
}
