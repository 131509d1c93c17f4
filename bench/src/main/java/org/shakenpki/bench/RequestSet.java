package org.shakenpki.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests of one measure, sent in turn by both load generators (wrk through {@code bench/wrk/requests.lua},
 * the bench's own {@link Load} through {@link HttpConnection}), and the string every good answer holds.
 *
 * @param method  GET or POST
 * @param url     an {@code http://} URL on 127.0.0.1
 * @param headers sent with every request (an API key among them: written to a file of mode 0600, never on a command line)
 * @param bodies  one body per request, used in turn (none for a GET); no body may hold a line break
 * @param marker  what the body of a good answer (status 200) contains
 */
public record RequestSet(String method, URI url, Map<String, String> headers, List<String> bodies, String marker) {

    public RequestSet {
        headers = new LinkedHashMap<>(headers);
        bodies = List.copyOf(bodies);
        for (String body : bodies) {
            if (body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a request body must be one line");
            }
        }
    }

    /** The files {@code requests.lua} reads: bodies (or "-") and headers. */
    record WrkFiles(String bodies, Path headers) {
    }

    /** Writes the bodies and headers (mode 0600: an API key may be among them) into {@code dir} for wrk. */
    WrkFiles writeFor(Path dir, String name) throws IOException {
        Path headerFile = dir.resolve(name + ".headers");
        StringBuilder h = new StringBuilder();
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append('\n'));
        Files.writeString(headerFile, "");
        Files.setPosixFilePermissions(headerFile, PosixFilePermissions.fromString("rw-------")); // before the key is in it
        Files.writeString(headerFile, h.toString());
        if (bodies.isEmpty()) {
            return new WrkFiles("-", headerFile);
        }
        Path bodyFile = dir.resolve(name + ".bodies");
        Files.writeString(bodyFile, String.join("\n", bodies) + "\n");
        return new WrkFiles(bodyFile.toString(), headerFile);
    }

    /** The HTTP/1.1 requests on the wire, one per body (keep-alive is HTTP/1.1's default). */
    List<byte[]> wire() {
        List<byte[]> wire = new ArrayList<>();
        for (String body : bodies.isEmpty() ? List.<String>of() : bodies) {
            wire.add(request(body.getBytes(StandardCharsets.UTF_8)));
        }
        if (wire.isEmpty()) {
            wire.add(request(null));
        }
        return wire;
    }

    private byte[] request(byte[] body) {
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
