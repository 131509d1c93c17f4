package org.shakenpki.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shakenpki.it.ProblemAssertions.assertProblem;

/** Request bodies a client must never be able to turn into a 500 or a hang, and the checks of the answer. */
final class HostileInput {
    static final String MALFORMED = "urn:ietf:params:acme:error:malformed";
    static final int DEPTH = 5000;

    private HostileInput() {
    }

    /** {@code [[[...]]]}, {@code depth} levels. */
    static String deepArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** {@code {"a":{"a":...1}}}, {@code depth} levels. */
    static String deepObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A 400 malformed problem whose detail names the nesting limit. */
    static Map<String, Object> assertTooDeep(HttpResponse<String> response) throws Exception {
        Map<String, Object> problem = assertProblem(response, 400, MALFORMED);
        assertTrue(String.valueOf(problem.get("detail")).contains("nested"), response.body());
        return problem;
    }

    /** Any client error, as a problem document without internals; never a 5xx. */
    static void assertClientError(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + ": " + status + " " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                what + ": " + response.headers().firstValue("Content-Type"));
        assertFalse(response.body().contains("Exception"), what + " leaks an exception: " + response.body());
        assertFalse(response.body().contains("at org."), what + " leaks a stack trace: " + response.body());
    }

    static HttpResponse<String> post(URI uri, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return Http.send(request);
    }

    static HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
        return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
