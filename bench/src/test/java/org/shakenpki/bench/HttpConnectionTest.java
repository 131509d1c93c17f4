package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpConnectionTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpConnection.Parsed parse(String s) throws IOException {
        byte[] b = bytes(s);
        return HttpConnection.parse(b, b.length);
    }

    @Test
    void contentLengthBodyStopsWhereTheNextAnswerBegins() throws IOException {
        String first = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK";
        HttpConnection.Parsed parsed = parse(first + "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 6\r\n\r\nFAILED");
        assertEquals(new HttpConnection.Response(200, "OK"), parsed.response());
        assertEquals(first.length(), parsed.length());
        assertFalse(parsed.close());
    }

    @Test
    void chunkedBodyWithExtensionAndTrailer() throws IOException {
        String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n";
        HttpConnection.Parsed parsed = parse(answer + "HTTP/1.1 204 No Content\r\n\r\n");
        assertEquals(new HttpConnection.Response(200, "{\"a\":1}"), parsed.response());
        assertEquals(answer.length(), parsed.length());
        assertEquals(new HttpConnection.Response(204, ""), parse("HTTP/1.1 204 No Content\r\n\r\n").response());
    }

    @Test
    void anAnswerSplitAnywhereIsIncompleteUntilItsLastByte() throws IOException {
        // a selector reads whatever the socket holds: every prefix must wait, never pass as a shorter answer
        for (String answer : new String[] {
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n"}) {
            byte[] b = bytes(answer);
            for (int n = 0; n < b.length; n++) {
                assertNull(HttpConnection.parse(b, n), "prefix of " + n + " bytes of " + answer);
            }
            assertEquals(new HttpConnection.Response(200, "hello"), HttpConnection.parse(b, b.length).response());
        }
    }

    @Test
    void connectionCloseIsReported() throws IOException {
        assertTrue(parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").close());
    }

    @Test
    void undelimitedOrNonHttpAnswersAreErrorsNotSuccesses() {
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\n\r\nno length"));
        assertThrows(IOException.class, () -> parse("SSH-2.0-OpenSSH\r\n"));
        assertThrows(IOException.class, () -> parse("SSH-2.0")); // wrong before its first line is complete
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    }
}
