package org.shakenpki.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bench/wrk/requests.lua under the real wrk against a loopback server in this JVM: the bodies are sent in turn
 * with the headers from the file, and an answer of 200 without the marker counts as failed. Skipped where wrk is
 * not installed (./shaken-pki bench installs it).
 */
class WrkScriptTest {
    private HttpServer server;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] answer = (body.contains("good") ? "{\"identity\":\"x\"}" : "{\"verstat\":\"TN-Validation-Failed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static boolean wrkInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    private WrkOutput run(Path dir, List<String> bodies) throws Exception {
        RequestSet set = new RequestSet("POST", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sign"),
                Map.of("Authorization", "Bearer secret"), bodies, "\"identity\"");
        return new Wrk(Path.of("wrk/requests.lua").toAbsolutePath(), dir).run(set, "t", 1);
    }

    @Test
    void goodAnswersPassAndBodiesAreSentInTurnWithTheHeaderFile(@TempDir Path dir) throws Exception {
        assumeTrue(wrkInstalled(), "wrk is not installed");
        WrkOutput out = run(dir, List.of("{\"good\":1}", "{\"good\":2}"));
        assertTrue(out.requests() > 10, "requests " + out.requests());
        assertEquals(0, out.errors());
        assertTrue(seen.contains("Bearer secret {\"good\":1}") && seen.contains("Bearer secret {\"good\":2}"), "seen " + seen.peek());
        assertTrue(out.cpuSeconds() > 0 && out.cpuShare() < 1.5);
    }

    @Test
    void aTwoHundredWithoutTheMarkerIsAFailure(@TempDir Path dir) throws Exception {
        assumeTrue(wrkInstalled(), "wrk is not installed");
        WrkOutput out = run(dir, List.of("{\"good\":1}", "{\"bad\":1}"));
        assertTrue(out.errors() > 0 && out.errors() < out.requests(), out.errors() + " of " + out.requests());
        assertTrue(out.firstFailure().startsWith("200 {\"verstat\":\"TN-Validation-Failed\"}"), out.firstFailure());
    }
}
