package org.shakenpki.web.stir;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The media-type checks the STIR servlets make where JAX-RS matched {@code @Consumes} and {@code @Produces}. */
class JsonPostServletTest {

    @Test
    void onlyAJsonBodyIsRead() {
        assertTrue(JsonPostServlet.isJson("application/json"));
        assertTrue(JsonPostServlet.isJson("Application/JSON; charset=utf-8"));
        assertFalse(JsonPostServlet.isJson(null), "JAX-RS refused a body without a type with 415 too");
        assertFalse(JsonPostServlet.isJson("text/plain"));
        assertFalse(JsonPostServlet.isJson("application/jsonx"));
        assertFalse(JsonPostServlet.isJson("application/jose+json"));
    }

    @Test
    void anAcceptHeaderMustAllowJson() {
        assertTrue(JsonPostServlet.acceptsJson(null));
        assertTrue(JsonPostServlet.acceptsJson("*/*"));
        assertTrue(JsonPostServlet.acceptsJson("text/html, application/*;q=0.2"));
        assertTrue(JsonPostServlet.acceptsJson("application/json;q=0.5"));
        assertFalse(JsonPostServlet.acceptsJson("text/html"));
        assertFalse(JsonPostServlet.acceptsJson("application/json;q=0, text/html"));
        assertFalse(JsonPostServlet.acceptsJson("application/json; q=0.000"));
        assertTrue(JsonPostServlet.acceptsJson("application/json; q=0.001"));
    }
}
