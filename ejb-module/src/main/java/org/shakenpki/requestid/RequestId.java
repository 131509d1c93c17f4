package org.shakenpki.requestid;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The correlation id of the request this thread is serving (set by the web tier's {@code RequestIdFilter} for the
 * length of one request; null on timer and asynchronous threads, which serve no request). An id from the client is
 * kept only when it is 1 to {@link #MAX_LENGTH} characters of the RFC 9110 section 5.6.2 {@code tchar} set, so it can
 * neither break a log line or a response header nor fill the audit column; anything else is replaced by a new id.
 */
public final class RequestId {
    /** The request and response header (the de-facto name load balancers and proxies use). */
    public static final String HEADER = "X-Request-Id";
    /** Longest id accepted from a client; the audit column holds this many characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestId() {
    }

    /** The id of the request this thread serves, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /** The client's id if it is acceptable, else a new one. */
    public static String acceptOrCreate(String fromClient) {
        return fromClient != null && TOKEN.matcher(fromClient).matches() ? fromClient : create();
    }

    /** A new id: 128 random bits in hex. */
    public static String create() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Makes {@code id} this thread's id until the returned scope is closed (which restores the previous one). */
    public static Scope enter(String id) {
        String previous = CURRENT.get();
        CURRENT.set(id);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The extent of one request on its thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
