package org.shakenpki.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies above {@code shakenpki.http.max-body-bytes} (default 64 KiB: a CSR, a JWS or an
 * admin request is far smaller) with 413, whether the size is declared in Content-Length or only shows while
 * reading a chunked body. The servlet endpoints ({@link org.shakenpki.web.stir.JsonPostServlet}) use the same
 * limit and refusal.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "shakenpki.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(limited(request.getEntityStream(), maxBodyBytes));
        }
    }

    /** A body whose declared length is above {@code limit}, or that turns out longer while it is read: 413. */
    public static ProblemException tooLarge(long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "request bodies are limited to " + limit + " bytes");
    }

    /** The stream, refused with {@link #tooLarge} once more than {@code limit} bytes have been read (a chunked body). */
    public static InputStream limited(InputStream in, long limit) {
        return new Limited(in, limit);
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw tooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (remaining -= n) < 0) {
                throw tooLarge(limit);
            }
            return n;
        }
    }
}
