package org.shakenpki.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * secsipidx (Debian package {@code secsipidx}, the Go signer and verifier behind Kamailio's secsipid module) as an
 * independent STIR/SHAKEN implementation: {@code -sign-full} signs a PASSporT with a PEM key, and its HTTP
 * server's {@code POST /v1/check} verifies an Identity header the way a Kamailio deployment does: it fetches the
 * x5u (trusting the test server's TLS certificate through {@code SSL_CERT_FILE}), checks the signature, the
 * certificate's validity and its chain to a given root ({@code -cert-verify 5}: time and custom CA).
 */
final class Secsipidx {
    private Secsipidx() {
    }

    /** The full Identity header value secsipidx signs for these claims (its {@code -sign-full} output). */
    static String sign(Path key, String x5u, String orig, String dest, String attest, String origid) throws Exception {
        String out = run(List.of(command(), "-sign-full", "-k", key.toString(), "-x5u", x5u, "-orig-tn", orig,
                "-dest-tn", dest, "-attest", attest, "-orig-id", origid)).strip();
        if (!out.contains(";info=<")) {
            throw new IllegalStateException("secsipidx did not sign: " + out);
        }
        return out;
    }

    /** A running {@code secsipidx -http-srv} on a loopback port that verifies against one root. */
    static final class Verifier implements AutoCloseable {
        private final Process process;
        private final URI check;
        private final Path log;

        Verifier(Path rootPem) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            log = Files.createTempFile("secsipidx", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(), "-http-srv", "127.0.0.1:" + port,
                    "-cert-verify", "5", "-ca-file", rootPem.toString(), "-expire", "300", "-timeout", "5")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SSL_CERT_FILE", TestTls.serverCertificate().toString());
            process = builder.start();
            check = URI.create("http://127.0.0.1:" + port + "/v1/check");
            awaitListening(port);
        }

        /** secsipidx's verdict on an Identity header value: true for {@code OK}. */
        boolean verifies(String identity) throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(check)
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(identity)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().strip().equals("OK");
        }

        /** What secsipidx logged, for assertion messages. */
        String log() throws IOException {
            return Files.readString(log);
        }

        private void awaitListening(int port) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("secsipidx exited: " + log());
                }
                try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("secsipidx does not listen on " + port + ": " + log());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String command() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "secsipidx"))) {
                return Path.of(dir, "secsipidx").toString();
            }
        }
        throw new IllegalStateException("secsipidx is not installed (apt-get install -y secsipidx; ./shaken-pki test installs it)");
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
