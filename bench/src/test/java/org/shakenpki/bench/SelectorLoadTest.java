package org.shakenpki.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selector generator against a small blocking HTTP/1.1 server on loopback (a port the system picks). */
class SelectorLoadTest {
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final SelectorLoad.Check OK = response -> {
        if (response.status() != 200) {
            throw new IOException("status " + response.status());
        }
    };

    /** How the test server answers request number n (0, 1, ...) over all its connections. */
    interface Behaviour {
        String answer(int n) throws Exception;
    }

    private ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    private URI serve(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    Thread worker = new Thread(() -> answer(socket, behaviour));
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** Reads requests (each ends with an empty line) and writes the behaviour's answers; closes on "CLOSE". */
    private void answer(Socket socket, Behaviour behaviour) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int state = 0;
            for (int c = in.read(); c >= 0; c = in.read()) {
                state = c == '\n' ? state + 1 : (c == '\r' ? state : 0);
                if (state == 2) {
                    state = 0;
                    String answer = behaviour.answer(requests.getAndIncrement());
                    if (answer.equals("CLOSE")) {
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (Exception ignored) {
            // the generator closed the connection
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void openLoopMakesTheOfferedNumberOfCalls() throws Exception {
        SelectorLoad load = new SelectorLoad(serve(n -> ok("fine")), 2, List.of(REQUEST), OK);
        Load.Result result = load.open(200, 1.0);
        assertEquals(200, result.completed());
        assertEquals(0, result.errors());
        assertEquals(200, requests.get());
        assertTrue(result.percentileMs(50) < 20, "an idle server has no queue: " + result.percentileMs(50));
    }

    @Test
    void aStallIsChargedToEveryCallQueuedBehindIt() throws Exception {
        // one connection, 100/s offered, the first answer takes 300 ms: about 30 calls fall due during it; counted
        // from when they were sent they would look instant (coordinated omission), from when they were due they wait
        SelectorLoad load = new SelectorLoad(serve(n -> {
            if (n == 0) {
                Thread.sleep(300);
            }
            return ok("fine");
        }), 1, List.of(REQUEST), OK);
        Load.Result result = load.open(100, 1.0);
        assertEquals(100, result.completed());
        assertTrue(result.percentileMs(50) < 100, "p50 " + result.percentileMs(50));
        assertTrue(result.percentileMs(99) >= 250, "p99 " + result.percentileMs(99));
    }

    @Test
    void closedLoopKeepsEveryConnectionBusyOnKeptAliveConnections() throws Exception {
        SelectorLoad load = new SelectorLoad(serve(n -> ok("fine")), 2, List.of(REQUEST), OK);
        Load.Result result = load.closed(0.5);
        assertTrue(result.completed() > 100, "completed " + result.completed());
        assertEquals(0, result.errors());
        assertEquals(2, accepted.get(), "keep-alive: one TCP connection per generator connection");
    }

    @Test
    void failedAnswersAreCountedAndNotTimed() throws Exception {
        SelectorLoad load = new SelectorLoad(serve(n -> n % 2 == 0 ? ok("fine")
                : "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 6\r\n\r\nFAILED"), 1, List.of(REQUEST), OK);
        Load.Result result = load.open(100, 0.5);
        assertEquals(25, result.completed());
        assertEquals(25, result.errors());
        assertEquals(25, result.latenciesMs().length);
        assertEquals("java.io.IOException: status 500", result.firstError());
    }

    @Test
    void connectionCloseAndAnIdleCloseAreFollowedByANewConnectionWithoutErrors() throws Exception {
        // as Grizzly ends a connection after its limit of requests: "Connection: close" on every 5th answer, and
        // a silent close instead of the 8th answer (the request is sent again once on a new connection)
        SelectorLoad load = new SelectorLoad(serve(n -> n == 7 ? "CLOSE"
                : n % 5 == 4 ? "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n" : ok("fine")),
                1, List.of(REQUEST), OK);
        Load.Result result = load.open(50, 0.5);
        assertEquals(0, result.errors(), "first error: " + result.firstError());
        assertEquals(25, result.completed());
        assertTrue(accepted.get() >= 5, "accepted " + accepted.get());
    }

    @Test
    void aServerThatAnswersGarbageFailsEveryCall() throws Exception {
        SelectorLoad load = new SelectorLoad(serve(n -> "SSH-2.0-OpenSSH\r\n"), 1, List.of(REQUEST), OK);
        Load.Result result = load.open(20, 0.5);
        assertEquals(0, result.completed());
        assertEquals(10, result.errors());
    }

    @Test
    void offeredLoadMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new SelectorLoad(URI.create("http://127.0.0.1:9/"), 1, List.of(REQUEST), OK).open(0, 1));
    }
}
