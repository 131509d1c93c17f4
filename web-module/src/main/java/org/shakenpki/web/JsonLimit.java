package org.shakenpki.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.shakenpki.json.JsonLimits;

import java.util.Locale;

/**
 * Puts every JSON request body ({@code application/json}, {@code application/jose+json} for ACME, any
 * {@code +json}) through {@link JsonLimits} while the parser reads it, so a body nested 5,000 deep or with a
 * 5,000-digit number is a 400 {@code malformed} problem instead of the parser's exception (RFC 8259 section 9).
 * The media types are those for which the JSON-P body reader (Parsson) parses; the size of the body is limited
 * by {@link RequestSizeLimit}.
 */
@Provider
@PreMatching
public class JsonLimit implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && isJson(type.getSubtype()) && request.hasEntity()) {
            request.setEntityStream(JsonLimits.checking(request.getEntityStream()));
        }
    }

    /** Whether a media subtype is JSON: {@code json} or a structured-syntax {@code +json} suffix (RFC 6839). */
    static boolean isJson(String subtype) {
        String lower = subtype == null ? "" : subtype.toLowerCase(Locale.ROOT);
        return lower.equals("json") || lower.endsWith("+json");
    }
}
