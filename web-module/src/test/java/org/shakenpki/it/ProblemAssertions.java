package org.shakenpki.it;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a response is a well-formed problem document of the expected type that leaks no internals. */
public final class ProblemAssertions {
    private ProblemAssertions() {
    }

    public static Map<String, Object> assertProblem(HttpResponse<String> response, int status, String type)
            throws ParseException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "content type: " + response.headers().firstValue("Content-Type"));
        Map<String, Object> problem = Http.json(response);
        assertEquals(type, problem.get("type"), response.body());
        assertEquals(((Number) problem.get("status")).intValue(), status);
        assertFalse(response.body().contains("Exception"), "leaks an exception: " + response.body());
        assertFalse(response.body().contains("at org."), "leaks a stack trace: " + response.body());
        return problem;
    }
}
