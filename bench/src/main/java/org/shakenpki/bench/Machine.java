package org.shakenpki.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on, from {@code /proc}: cores, memory, CPU model and load at the end. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memory_mb", field("/proc/meminfo", "MemTotal:").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
                .orElse(null));
        machine.put("cpu_model", field("/proc/cpuinfo", "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "")).orElse(null));
        machine.put("loadavg", loadAverage());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    /** {@code /proc/loadavg} (1, 5 and 15 minute load averages, runnable/all tasks, last pid), or null. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static java.util.Optional<String> field(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).strip()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
