package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpConnectionTest {
    private static HttpConnection.Input wire(String s) {
        return new HttpConnection.Input(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void contentLengthBodyThenTheNextAnswerOnTheSameConnection() throws IOException {
        HttpConnection.Input in = wire("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK"
                + "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 6\r\n\r\nFAILED");
        assertEquals(new HttpConnection.Response(200, "OK"), HttpConnection.read(in));
        assertEquals(new HttpConnection.Response(500, "FAILED"), HttpConnection.read(in));
    }

    @Test
    void chunkedBodyWithExtensionAndTrailer() throws IOException {
        HttpConnection.Input in = wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");
        assertEquals(new HttpConnection.Response(200, "{\"a\":1}"), HttpConnection.read(in));
        assertEquals(new HttpConnection.Response(204, ""), HttpConnection.read(in));
    }

    @Test
    void truncatedOrUndelimitedAnswersAreErrorsNotSuccesses() {
        assertThrows(IOException.class, () -> HttpConnection.read(wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")));
        assertThrows(IOException.class, () -> HttpConnection.read(wire("HTTP/1.1 200 OK\r\n\r\nno length")));
        assertThrows(IOException.class, () -> HttpConnection.read(wire("SSH-2.0-OpenSSH\r\n")));
        assertThrows(IOException.class, () -> HttpConnection.read(wire("")));
    }
}
