package org.shakenpki.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSetTest {
    private final RequestSet set = new RequestSet("POST", URI.create("http://127.0.0.1:18580/stir/v1/signing"),
            Map.of("Authorization", "Bearer k"), List.of("{\"a\":1}", "{\"b\":\"é\"}"), "identity");

    @Test
    void wireRequestsAreHttp11WithHostAndByteLength() {
        List<byte[]> wire = set.wire();
        assertEquals(2, wire.size());
        assertEquals("POST /stir/v1/signing HTTP/1.1\r\nHost: 127.0.0.1:18580\r\nAuthorization: Bearer k\r\n"
                + "Content-Length: 7\r\n\r\n{\"a\":1}", new String(wire.get(0), StandardCharsets.ISO_8859_1));
        assertTrue(new String(wire.get(1), StandardCharsets.UTF_8).contains("Content-Length: 10\r\n"));
    }

    @Test
    void getHasNoBodyAndNoLength() {
        RequestSet get = new RequestSet("GET", URI.create("http://127.0.0.1:1/sti-ca/root.pem"), Map.of(), List.of(), "BEGIN");
        assertEquals("GET /sti-ca/root.pem HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n",
                new String(get.wire().get(0), StandardCharsets.ISO_8859_1));
    }

    @Test
    void filesForWrkOneBodyPerLineAndHeadersApart(@TempDir Path dir) throws Exception {
        RequestSet.WrkFiles files = set.writeFor(dir, "sign");
        assertEquals(List.of("{\"a\":1}", "{\"b\":\"é\"}"), Files.readAllLines(Path.of(files.bodies())));
        assertEquals(List.of("Authorization: Bearer k"), Files.readAllLines(files.headers()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.headers())));
        RequestSet get = new RequestSet("GET", URI.create("http://127.0.0.1:1/x"), Map.of(), List.of(), "x");
        assertEquals("-", get.writeFor(dir, "get").bodies());
    }

    @Test
    void aBodyWithALineBreakIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RequestSet("POST", URI.create("http://127.0.0.1:1/"),
                Map.of(), List.of("a\nb"), "x"));
    }
}
