package org.shakenpki.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (RFC 9112) over a plain socket, for the bench's own load generator: it
 * writes prepared request bytes and reads the answer (Content-Length or chunked body). It allocates little per
 * call, so that the client does not limit the rate, as the JDK HttpClient driver did (601/s where wrk got
 * 3,050/s from the same server). Not thread-safe: one per worker.
 */
final class HttpConnection implements AutoCloseable {
    /** A status code and the body (as ISO-8859-1 text; the bench only looks for an ASCII marker in it). */
    record Response(int status, String body) {
    }

    private final URI url;
    private Socket socket;
    private Input in;
    private OutputStream out;

    /**
     * An unsynchronised read buffer over the socket: BufferedInputStream.read() takes a lock per byte, which at
     * 10,000 answers a second is a measurable share of the client's CPU.
     */
    static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        /** Appends n bytes to {@code to}; throws when the connection ends first. */
        void copy(ByteArrayOutputStream to, long n) throws IOException {
            while (n > 0) {
                if (position == limit && !fill()) {
                    throw new IOException("connection closed inside a body");
                }
                int take = (int) Math.min(n, limit - position);
                to.write(buffer, position, take);
                position += take;
                n -= take;
            }
        }

        private boolean fill() throws IOException {
            position = 0;
            limit = Math.max(0, in.read(buffer, 0, buffer.length));
            return limit > 0;
        }
    }

    HttpConnection(URI url) {
        this.url = url;
    }

    /** Sends the request and reads its answer; reconnects once when the server had closed an idle connection. */
    Response exchange(byte[] request) throws IOException {
        boolean fresh = socket == null;
        if (fresh) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return read(in);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            connect();
            out.write(request);
            out.flush();
            return read(in);
        }
    }

    /** Connects now (a run opens its connections before its clock starts; {@link #exchange} connects when needed). */
    void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
        in = new Input(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads one HTTP/1.1 response: status line, header fields, then a Content-Length or chunked body. */
    static Response read(Input in) throws IOException {
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String field = line(in); !field.isEmpty(); field = line(in)) {
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : field.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                in.copy(body, size);
                line(in); // the CRLF after the chunk
            }
            while (!line(in).isEmpty()) {
                // trailer fields, ignored
            }
        } else if (length >= 0) {
            in.copy(body, length);
        } else if (status != 204 && status != 304) {
            throw new IOException("an answer without Content-Length or chunked encoding cannot be read on a kept-alive connection");
        }
        return new Response(status, body.toString(StandardCharsets.ISO_8859_1));
    }

    private static long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private static String line(Input in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection the server may have closed already
            }
            socket = null;
        }
    }
}
