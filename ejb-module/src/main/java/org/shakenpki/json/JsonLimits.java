package org.shakenpki.json;

import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The nesting and number-size limits every JSON text from a client meets before it is parsed (RFC 8259 section
 * 9: "An implementation may set limits on ... the maximum depth of nesting" and "on the range and precision of
 * numbers"). Nothing this server reads nests deeper than five levels (an ACME JWS with its {@code jwk}, a
 * {@code verificationRequest}) or needs a number longer than a NumericDate, so the limits are far above any
 * legitimate request and far below what makes a recursive parser fail: Parsson stops at 1,000 levels with a bare
 * RuntimeException and at 1,100-character numbers with an UnsupportedOperationException, both 500s before
 * this check; Nimbus's shaded Gson stops at 255 levels.
 *
 * <p>Exceeding a limit is a 400 {@code malformed} problem. The scan is linear, keeps three counters, and
 * needs no parse, so a hostile text costs no more than reading it. Text must be UTF-8 (RFC 8259 section 8.1):
 * a NUL byte, which UTF-8 JSON never holds unescaped but UTF-16 and UTF-32 text always does, is refused, since
 * the parsers would detect those encodings and read brackets this byte-wise scan did not count.
 */
public final class JsonLimits {
    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 32;
    /** The longest number token accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private JsonLimits() {
    }

    /** Checks a whole JSON text, for example a decoded JWS header or payload. */
    public static void check(String json) {
        if (json == null) {
            return;
        }
        Scanner scanner = new Scanner();
        for (int i = 0; i < json.length(); i++) {
            scanner.accept(json.charAt(i));
        }
    }

    /** The stream, checked byte by byte as the parser reads it (a request body in UTF-8). */
    public static InputStream checking(InputStream in) {
        return new CheckingStream(in);
    }

    /**
     * The state of the scan: depth, whether inside a string and after a backslash there, and the length of the
     * current number. Only ASCII characters are structural, and in UTF-8 every byte of a multi-byte character
     * is 0x80 or above, so scanning bytes and scanning characters agree.
     */
    static final class Scanner {
        private int depth;
        private boolean inString;
        private boolean escaped;
        private int numberLength;

        void accept(int c) {
            if (c == 0) {
                throw refused("JSON text must be UTF-8 without NUL characters (RFC 8259 section 8.1)");
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                return;
            }
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++numberLength > MAX_NUMBER_LENGTH) {
                    throw refused("JSON numbers are limited to " + MAX_NUMBER_LENGTH + " characters");
                }
                return;
            }
            numberLength = 0;
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    if (++depth > MAX_DEPTH) {
                        throw refused("JSON nested deeper than " + MAX_DEPTH + " levels is refused");
                    }
                }
                case ']', '}' -> depth = Math.max(0, depth - 1);
                default -> {
                    // whitespace, separators and literals: nothing to count
                }
            }
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }

    private static final class CheckingStream extends FilterInputStream {
        private final Scanner scanner = new Scanner();

        CheckingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                scanner.accept(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                scanner.accept(buffer[offset + i] & 0xFF);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes would escape the scan: read them instead
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int limit) {
            // not supported: re-read bytes would be counted twice
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
