package org.shakenpki.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;


/**
 * The one {@link ExceptionMapper}: every failure leaves as {@code application/problem+json}. Unexpected ones
 * are logged with an incident id and answered with a generic 500 that carries only that id. The extension
 * members {@code retryAfter} and {@code location} are also sent as the Retry-After and Location headers.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable failure) {
        ProblemDocument problem = Problems.of(failure, 500);
        Response.Status known = Response.Status.fromStatusCode(problem.status());
        Response.ResponseBuilder response = (known != null ? Response.status(known) : Response.status(problem.status()))
                .type(ProblemDocument.MEDIA_TYPE)
                .entity(problem.toJson());
        Object retryAfter = problem.extensions().get("retryAfter");
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        Object location = problem.extensions().get("location");
        if (location != null) {
            // e.g. RFC 8555 section 7.3.5: the 409 for a key in use names that key's account
            response.header(HttpHeaders.LOCATION, location);
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
        }
        return response.build();
    }
}
