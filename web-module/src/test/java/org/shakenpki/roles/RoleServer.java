package org.shakenpki.roles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro running the built WAR with a chosen subset of the roles, as an operator would start it:
 * its own data directory (H2 database, first-start passwords), SoftHSM2 tokens for its roles only
 * (hsm-config/create-tokens.sh with {@code SHAKEN_PKI_HSM_ROLES}), its own TLS key and certificate
 * (hsm-config/create-tls-keystore.sh), and {@code -D} settings. Arquillian's container runs one server per test
 * class, so tests that need two start them with this. Paths and ports come from the {@code roles-it} profile.
 */
final class RoleServer implements AutoCloseable {
    private static final Path BASE = Path.of(System.getProperty("it.roles.dir", "target/roles-it")).toAbsolutePath();
    private static final Path HSM_CONFIG = Path.of(System.getProperty("it.roles.hsm-config", "../hsm-config")).toAbsolutePath();
    private static final Path MICRO = Path.of(System.getProperty("it.roles.micro", "target/payara-micro.jar")).toAbsolutePath();
    private static final Path WAR = Path.of(System.getProperty("it.war", "target/shaken-pki.war")).toAbsolutePath();
    private static final String TLS_ALIAS = "shaken-tls";
    private static final String TLS_PASSWORD = "integration-tests-only";
    private static final HttpClient LOCAL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final Path dir;
    final int httpPort;
    final int httpsPort;
    private final List<String> tokens;
    private final Map<String, String> settings = new TreeMap<>();
    private Process process;

    /**
     * @param tokens the key store tokens to create: those of the roles this server runs
     */
    RoleServer(String name, int httpPort, int httpsPort, List<String> tokens) {
        this.name = name;
        this.dir = BASE.resolve(name);
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.tokens = List.copyOf(tokens);
    }

    /** Deletes what an earlier run left and makes the tokens and the TLS key: every run starts empty. */
    RoleServer prepare() throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data());
        run(Map.of("SHAKEN_PKI_HSM_ROLES", String.join(" ", tokens)),
                HSM_CONFIG.resolve("create-tokens.sh").toString(), "--fresh", hsm().toString());
        run(Map.of("TLS_KEYSTORE_PASSWORD", TLS_PASSWORD), HSM_CONFIG.resolve("create-tls-keystore.sh").toString(), tls().toString());
        // The listeners on loopback only, and HTTP/2 off as the launcher has it (README, stack notes).
        Files.writeString(dir.resolve("preboot.asadmin"), String.join("\n",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1",
                "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1",
                "set configs.config.server-config.network-config.protocols.protocol.https-listener.http.http2-enabled=false", ""));
        set("shakenpki.data-dir", data().toString());
        set("shakenpki.public-url", publicUrl());
        set("shakenpki.node-name", name);
        set("shakenpki.tls.trust-pem", certificate().toString());
        // As the launcher starts the embedded default: this test is about the roles; EAB has its own ITs (EabChecks, KmsIT)
        set("shakenpki.ca.external-account-required", "false");
        return this;
    }

    RoleServer set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Starts the server and waits until its application is up, or fails with the log's last lines. */
    RoleServer start() throws IOException, InterruptedException {
        launch();
        return awaitUp();
    }

    /** Waits until the launched server's application is up, or fails with the log's last lines. */
    RoleServer awaitUp() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited during start-up:\n" + logTail(40));
            }
            if (log().contains("Exception while loading the app")) {
                throw new AssertionError(name + " failed to deploy:\n" + logTail(40));
            }
            if (healthy()) {
                return this;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " not up after 4 minutes:\n" + logTail(40));
    }

    /** Starts the server expecting the deployment to fail; returns the log once Payara says so. */
    String startExpectingFailure() throws IOException, InterruptedException {
        launch();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            String log = log();
            if (log.contains("Exception while loading the app")) {
                return log;
            }
            if (!process.isAlive()) {
                return log;
            }
            if (healthy()) {
                throw new AssertionError(name + " deployed although it should not have");
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " neither deployed nor failed in 4 minutes:\n" + logTail(40));
    }

    /** Starts the process without waiting (to start several servers side by side). */
    RoleServer launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports");
        command.add("jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
        command.add("-Djavax.net.ssl.keyStore=" + tls().resolve("keystore.p12"));
        command.add("-Djavax.net.ssl.keyStoreType=PKCS12");
        command.add("-Djavax.net.ssl.keyStorePassword=" + TLS_PASSWORD);
        command.add("-Dhazelcast.phone.home.enabled=false"); // as the launcher: no report to hazelcast.com
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", MICRO.toString(), "--deploy", WAR.toString(), "--contextroot", "/",
                "--rootdir", dir.resolve("runtime").toString(), "--port", String.valueOf(httpPort),
                "--sslport", String.valueOf(httpsPort), "--sslcert", TLS_ALIAS,
                "--prebootcommandfile", dir.resolve("preboot.asadmin").toString(),
                "--systemproperties", hsm().resolve("hsm.properties").toString(),
                "--nocluster", "--disablephonehome"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile().toFile()));
        builder.environment().put("SOFTHSM2_CONF", hsm().resolve("softhsm2.conf").toString());
        process = builder.start();
        return this;
    }

    /** Whether /health answers 200 with the application's own checks in it (Payara answers before deploying). */
    boolean healthy() {
        try {
            HttpResponse<String> response = LOCAL.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"hsm-tokens\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    String publicUrl() {
        return "https://localhost:" + httpsPort;
    }

    URI https(String path) {
        return URI.create(publicUrl() + "/" + path.replaceFirst("^/", ""));
    }

    Path data() {
        return dir.resolve("data");
    }

    Path hsm() {
        return dir.resolve("hsm");
    }

    Path tls() {
        return dir.resolve("tls");
    }

    /** The server's own TLS certificate (PEM). */
    Path certificate() {
        return tls().resolve("server.pem");
    }

    Path logFile() {
        return dir.resolve("server.log");
    }

    String log() throws IOException {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    private String logTail(int lines) throws IOException {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The key store tokens that exist for this server (labels in its token directory). */
    List<String> tokenLabels() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("softhsm2-util", "--show-slots").redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", hsm().resolve("softhsm2.conf").toString());
        Process show = builder.start();
        String output = new String(show.getInputStream().readAllBytes());
        show.waitFor();
        return output.lines().map(String::strip).filter(line -> line.startsWith("Label:"))
                .map(line -> line.substring("Label:".length()).strip()).filter(label -> !label.isEmpty()).toList();
    }

    private void run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes());
        if (script.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
