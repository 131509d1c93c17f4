package org.shakenpki.it;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * EFF's certbot (the Debian package {@code certbot}) as an independent ACME client of the STI-CA. It cannot answer
 * tkauth-01 (RFC 9448), so what it can test is registration: {@code certbot register} with and without External
 * Account Binding (RFC 8555 section 7.3.4; {@code --eab-kid}, {@code --eab-hmac-key}). Every run has its own
 * config, work and logs directories, and trusts the test server's TLS certificate through {@code REQUESTS_CA_BUNDLE}.
 */
final class Certbot {
    private static final String COMMAND = "certbot";

    /** What one run did: its exit code, its output, and its directory. */
    record Run(int exitCode, String output, Path dir) {
        /** certbot's debug log, which holds the server's responses. */
        String log() throws IOException {
            Path log = dir.resolve("logs/letsencrypt.log");
            return Files.exists(log) ? Files.readString(log) : "";
        }

        /** The URL of the account certbot registered (its {@code regr.json}). */
        String accountUrl() throws Exception {
            try (Stream<Path> files = Files.walk(dir.resolve("config/accounts"))) {
                Path regr = files.filter(f -> f.getFileName().toString().equals("regr.json")).findFirst()
                        .orElseThrow(() -> new AssertionError("certbot stored no account: " + output));
                return (String) JSONObjectUtils.parse(Files.readString(regr)).get("uri");
            }
        }
    }

    private Certbot() {
    }

    /**
     * Makes sure certbot is there: installed with apt-get when the test runs as root (as {@code ./shaken-pki test}
     * does), otherwise a failure that says how to install it. Never a silent skip.
     */
    static void require() throws Exception {
        if (installed()) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("certbot is not installed and this test is not run as root: install it with sudo apt-get install -y certbot "
                    + "(./shaken-pki test installs it when run as root)");
        }
        ProcessBuilder install = new ProcessBuilder("sh", "-c", "apt-get update -qq && apt-get install -y -qq certbot").redirectErrorStream(true);
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = install.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0 || !installed()) {
            fail("certbot is not installed and apt-get install -y certbot failed: " + output);
        }
    }

    /** {@code certbot register} against the directory, in a fresh directory, with the extra arguments. */
    static Run register(String directory, String... extra) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "certbot").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(COMMAND, "register", "--non-interactive", "--server", directory,
                "--agree-tos", "-m", "ops@example.net", "--no-eff-email",
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REQUESTS_CA_BUNDLE", TestTls.serverCertificate().toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("certbot did not finish in 120 s: " + output);
        }
        return new Run(process.exitValue(), output, dir);
    }

    private static boolean installed() throws InterruptedException {
        try {
            Process process = new ProcessBuilder(COMMAND, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
