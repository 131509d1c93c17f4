package org.shakenpki.web.problem;

import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns any failure into the problem document the client sees, the one mapping between exceptions and the
 * wire (RFC 7807; RFC 8555 section 6.7 for ACME).
 *
 * <p>Known failures keep their type and detail. Input the JSON layer could not read is {@code malformed}.
 * JAX-RS routing failures keep their status. Everything else is a generic {@code serverInternal} whose
 * detail names only an incident id; the cause is logged under that id, never sent. {@link #of} is what the
 * exception mapper and the container's error page both call.
 */
public final class Problems {
    private static final Logger LOG = Logger.getLogger(Problems.class.getName());
    private static final Map<Integer, ProblemType> BY_STATUS = Map.of(
            400, ProblemType.MALFORMED,
            401, ProblemType.UNAUTHENTICATED,
            403, ProblemType.FORBIDDEN,
            404, ProblemType.NOT_FOUND,
            405, ProblemType.METHOD_NOT_ALLOWED,
            406, ProblemType.NOT_ACCEPTABLE,
            409, ProblemType.CONFLICT,
            413, ProblemType.PAYLOAD_TOO_LARGE,
            415, ProblemType.UNSUPPORTED_MEDIA_TYPE,
            503, ProblemType.SERVICE_UNAVAILABLE);

    private Problems() {
    }

    /**
     * The document for a failure (or, where the container has only a status, for that status): a known one as
     * it is, anything else as {@code serverInternal} with its cause logged under a new incident id. Known
     * server-side failures (5xx) are logged too, without an incident.
     */
    public static ProblemDocument of(Throwable failure, int status) {
        ProblemDocument problem = failure != null ? known(failure) : forStatus(status);
        if (problem == null) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected failure, incident " + incident, failure);
            return internal(incident);
        }
        if (problem.status() >= 500) {
            LOG.log(Level.WARNING, "request failed: " + problem.detail(), failure);
        }
        return problem;
    }

    /**
     * The problem document for a failure, or {@code null} when the failure is unexpected (the caller then
     * logs it and sends {@link #internal(String)}).
     */
    public static ProblemDocument known(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                // searched first: a body-size refusal may reach us wrapped in the JSON layer's exception
                return ProblemDocument.of(problem);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return ProblemDocument.of(ProblemType.MALFORMED, "the request body is not valid JSON of the expected shape");
            }
            if (t instanceof EJBException) {
                continue;
            }
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                return forStatus(web.getResponse().getStatus());
            }
        }
        return null;
    }

    /** The problem for an HTTP-level status (routing, content negotiation), or null for one we do not name. */
    public static ProblemDocument forStatus(int status) {
        ProblemType type = BY_STATUS.get(status);
        return type == null ? null : ProblemDocument.of(type, routingDetail(type));
    }

    /** The generic problem for an unexpected failure: no internals, only an id to find the log entry. */
    public static ProblemDocument internal(String incident) {
        return ProblemDocument.of(ProblemType.SERVER_INTERNAL, "internal error; incident " + incident);
    }

    private static String routingDetail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "no resource at this URL";
            case METHOD_NOT_ALLOWED -> "this resource does not support the request method";
            case UNSUPPORTED_MEDIA_TYPE -> "this resource does not accept the request's Content-Type";
            case NOT_ACCEPTABLE -> "this resource cannot produce a representation the Accept header allows";
            case PAYLOAD_TOO_LARGE -> "the request body is too large";
            default -> type.title();
        };
    }
}
