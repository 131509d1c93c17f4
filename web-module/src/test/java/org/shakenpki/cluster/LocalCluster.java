package org.shakenpki.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster of {@code ./shaken-pki start --nodes 2}, driven through the launcher as a user would: two
 * Payara Micro nodes on a private PostgreSQL behind HAProxy. Node {@code i} (1-based) listens on the front ports
 * plus {@code i}. The settings come from the {@code cluster-it} Maven profile.
 */
final class LocalCluster {
    static final int NODES = 2;

    final Path launcher = Path.of(System.getProperty("it.cluster.launcher", "../shaken-pki"));
    final Path data = Path.of(System.getProperty("it.data.dir", "target/cluster-data"));
    final int httpPort = Integer.getInteger("it.cluster.http.port", 18800);
    final int httpsPort = Integer.getInteger("it.cluster.https.port", 18843);
    private final int clusterPort = Integer.getInteger("it.cluster.port", 6910);
    private final int pgPort = Integer.getInteger("it.cluster.pg.port", 55533);

    /** Starts the nodes that are not running (all of them the first time); fails unless all are healthy. */
    void start() throws IOException, InterruptedException {
        run(List.of("start", "--nodes", String.valueOf(NODES)), Duration.ofMinutes(6));
    }

    void stop() throws IOException, InterruptedException {
        run(List.of("stop"), Duration.ofMinutes(2));
    }

    /** Stops what an earlier run left and deletes its data directory and database: every run starts empty. */
    void purge() throws IOException, InterruptedException {
        if (Files.exists(data)) {
            run(List.of("stop", "--purge"), Duration.ofMinutes(2));
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Runs the launcher's demo against the cluster (through HAProxy). */
    void demo() throws IOException, InterruptedException {
        run(List.of("demo"), Duration.ofMinutes(5));
    }

    private void run(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(arguments);
        // The launcher's output goes to a file beside the data directory: the test JVM's own stdout is
        // the build tool's channel.
        Path output = data.resolveSibling("cluster-launcher.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(Map.of(
                "SHAKEN_PKI_DATA", data.toAbsolutePath().toString(),
                "SHAKEN_PKI_HTTP_PORT", String.valueOf(httpPort),
                "SHAKEN_PKI_HTTPS_PORT", String.valueOf(httpsPort),
                "SHAKEN_PKI_CLUSTER_PORT", String.valueOf(clusterPort),
                "SHAKEN_PKI_CLUSTER_NAME", "shaken-pki-it",
                "SHAKEN_PKI_PG_PORT", String.valueOf(pgPort)));
        builder.environment().remove("SHAKEN_PKI_DB_URL");
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./shaken-pki " + arguments + " did not finish in " + timeout);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(output);
            throw new AssertionError("./shaken-pki " + arguments + " failed with exit code " + process.exitValue() + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }

    /** Kills a node with SIGKILL: no shutdown hook, no transaction completes. */
    void kill(int node) throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid(node)).orElseThrow(() -> new AssertionError("node-" + node + " is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    long pid(int node) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("node-" + node + ".pid")).strip());
    }

    /** The public https base every node names in its URLs: HAProxy's front port. */
    String front() {
        return "https://localhost:" + httpsPort;
    }

    URI frontHttp(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + path);
    }

    URI nodeHttp(int node, String path) {
        return URI.create("http://127.0.0.1:" + (httpPort + node) + "/" + path);
    }

    int nodeHttpsPort(int node) {
        return httpsPort + node;
    }

    String log(int node) throws IOException {
        return Files.readString(data.resolve("logs/node-" + node + ".log"));
    }

    /** The shared database, for the checks no API exposes (one certificate per order, serial uniqueness). */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/shakenpki", "shakenpki", "");
    }

    /** Waits until the condition holds, or fails with the message. */
    static void await(Duration timeout, String message, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(message + " (waited " + timeout.toSeconds() + " s)");
            }
            Thread.sleep(1000);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
