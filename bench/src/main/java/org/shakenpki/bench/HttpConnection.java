package org.shakenpki.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection (RFC 9112) for the bench's own load generator, driven without blocking by
 * {@link SelectorLoad}'s one selector thread: it writes prepared request bytes and collects the answer (a
 * Content-Length or chunked body) as it arrives, one request in flight at a time (no pipelining, as wrk). It
 * allocates little per call, so that the client does not limit the rate, as the JDK HttpClient driver with two
 * synchronous threads did (601/s where wrk got 3,050/s from the same server). Not thread-safe.
 */
final class HttpConnection implements AutoCloseable {
    /** A status code and the body (as ISO-8859-1 text; the bench only looks for an ASCII marker in it). */
    record Response(int status, String body) {
    }

    /**
     * One complete answer found at the start of a buffer: the response, how many bytes it took, and whether the
     * server closes the connection after it ({@code Connection: close}, e.g. Grizzly's limit of requests per
     * connection).
     */
    record Parsed(Response response, int length, boolean close) {
    }

    private final URI url;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer pending;
    private byte[] received = new byte[16 * 1024];
    private int receivedLength;
    /** Answers read on the current channel: a channel that answered before may have been closed while idle. */
    private int answered;

    /** The call in flight: its number, request bytes, the time it counts from, and whether it was resent. */
    long call = -1;
    byte[] request;
    long sentAt;
    boolean resent;

    HttpConnection(URI url) {
        this.url = url;
    }

    /** Opens the channel (blocking, before a run's clock starts) and registers it for reading. */
    void connect(Selector selector) throws IOException {
        close();
        channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(url.getHost(), url.getPort()));
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ, this);
        receivedLength = 0;
        answered = 0;
    }

    /** Whether the server closed the channel between answers without a word: the request may be sent again. */
    boolean closedWhileIdle() {
        return answered > 0 && receivedLength == 0 && !resent;
    }

    /** Starts sending call {@code n}; {@code sentAt} is the time its latency counts from (its due time when open loop). */
    void send(long n, byte[] bytes, long from) throws IOException {
        if (channel == null) {
            throw new IOException("no connection to " + url);
        }
        call = n;
        request = bytes;
        sentAt = from;
        resent = false;
        write(ByteBuffer.wrap(bytes));
    }

    /** Sends the call in flight again on a fresh channel (the server had closed the old one while idle). */
    void resend(Selector selector) throws IOException {
        connect(selector);
        resent = true;
        write(ByteBuffer.wrap(request));
    }

    private void write(ByteBuffer bytes) throws IOException {
        channel.write(bytes);
        pending = bytes.hasRemaining() ? bytes : null;
        key.interestOps(pending == null ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /** Writes what the socket would not take at once. */
    void writable() throws IOException {
        if (pending != null) {
            write(pending);
        }
    }

    /**
     * Reads what arrived; returns the complete answer or null while it is incomplete. Throws when the server closed
     * the connection (check {@link #closedWhileIdle()} first) or the answer is not HTTP/1.1.
     */
    Parsed readable() throws IOException {
        if (receivedLength == received.length) {
            received = Arrays.copyOf(received, received.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(received, receivedLength, received.length - receivedLength));
        if (n < 0) {
            throw new IOException("connection closed by the server");
        }
        receivedLength += n;
        Parsed parsed = parse(received, receivedLength);
        if (parsed != null) {
            System.arraycopy(received, parsed.length(), received, 0, receivedLength - parsed.length());
            receivedLength -= parsed.length();
            answered++;
            call = -1;
        }
        return parsed;
    }

    /**
     * Parses one HTTP/1.1 response at the start of {@code buffer[0, length)}: status line, header fields, then a
     * Content-Length or chunked body. Returns null when the bytes end before the answer does; throws when they
     * are not an answer that a kept-alive connection can delimit.
     */
    static Parsed parse(byte[] buffer, int length) throws IOException {
        Cursor in = new Cursor(buffer, length);
        String statusLine = in.line();
        if (statusLine == null) {
            return notHttpYet(buffer, length);
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String field = in.line(); ; field = in.line()) {
            if (field == null) {
                return null;
            }
            if (field.isEmpty()) {
                break;
            }
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : field.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection") && value.contains("close")) {
                close = true;
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            while (true) {
                String sizeLine = in.line();
                if (sizeLine == null) {
                    return null;
                }
                long size = chunkSize(sizeLine);
                if (size == 0) {
                    break;
                }
                if (!in.take(body, size) || in.line() == null) { // the chunk, then the CRLF after it
                    return null;
                }
            }
            for (String trailer = in.line(); ; trailer = in.line()) {
                if (trailer == null) {
                    return null;
                }
                if (trailer.isEmpty()) {
                    break;
                }
            }
        } else if (contentLength >= 0) {
            if (!in.take(body, contentLength)) {
                return null;
            }
        } else if (status != 204 && status != 304) {
            throw new IOException("an answer without Content-Length or chunked encoding cannot be read on a kept-alive connection");
        }
        return new Parsed(new Response(status, body.toString()), in.position, close);
    }

    /** An incomplete first line: wait for more, unless what is there already cannot start an HTTP/1.x status line. */
    private static Parsed notHttpYet(byte[] buffer, int length) throws IOException {
        byte[] prefix = "HTTP/1.".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(length, prefix.length); i++) {
            if (buffer[i] != prefix[i]) {
                throw new IOException("not an HTTP/1.x status line: "
                        + new String(buffer, 0, Math.min(length, 40), StandardCharsets.ISO_8859_1));
            }
        }
        return null;
    }

    private static long chunkSize(String line) throws IOException {
        int semicolon = line.indexOf(';');
        try {
            return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line);
        }
    }

    /** A read position over received bytes. */
    private static final class Cursor {
        private final byte[] buffer;
        private final int length;
        int position;

        Cursor(byte[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        /** The next line without its CR LF, or null when no line break has arrived yet. */
        String line() {
            for (int i = position; i < length; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    return line;
                }
            }
            return null;
        }

        /** Appends n bytes to {@code to}, or returns false when fewer have arrived. */
        boolean take(StringBuilder to, long n) {
            if (length - position < n) {
                return false;
            }
            to.append(new String(buffer, position, (int) n, StandardCharsets.ISO_8859_1));
            position += (int) n;
            return true;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a connection the server may have closed already
            }
            channel = null;
            key = null;
        }
    }
}
