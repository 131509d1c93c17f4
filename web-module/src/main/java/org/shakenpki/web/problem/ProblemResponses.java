package org.shakenpki.web.problem;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a problem document (RFC 7807) as a servlet response: what {@link ProblemMapper} does for JAX-RS, for the
 * container's error page and the endpoints served as plain servlets. The extension members {@code retryAfter} and
 * {@code location} are also sent as the Retry-After and Location headers.
 */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, ProblemDocument problem) throws IOException {
        response.setStatus(problem.status());
        Object retryAfter = problem.extensions().get("retryAfter");
        if (retryAfter != null) {
            response.setHeader("Retry-After", String.valueOf(retryAfter));
        }
        Object location = problem.extensions().get("location");
        if (location != null) {
            response.setHeader("Location", String.valueOf(location));
        }
        String json = problem.toJson();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType(ProblemDocument.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerTaken) {
            // an error page after a servlet that had asked for the writer: the stream is no longer to be had
            response.getWriter().write(json);
        }
    }
}
