package org.shakenpki.problem;

import jakarta.ejb.ApplicationException;

import java.util.List;
import java.util.Map;

/**
 * The one internal exception type: a failure that becomes a problem document (RFC 7807, RFC 8555
 * section 6.7) at the HTTP edge.
 *
 * <p>It is an {@link ApplicationException} so that it crosses EJB boundaries unwrapped, and it rolls the
 * container transaction back: a refused request leaves nothing half-written. The {@code detail} is shown to
 * the client, so it must never carry internals; put those in the {@code cause}, which goes to the log only.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final List<Subproblem> subproblems;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, Throwable cause) {
        this(type, detail, cause, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, Throwable cause,
                            List<Subproblem> subproblems, Map<String, Object> extensions) {
        super(detail, cause);
        this.type = type;
        this.subproblems = List.copyOf(subproblems);
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemType type() {
        return type;
    }

    /** The client-facing explanation (RFC 7807 {@code detail}). */
    public String detail() {
        return getMessage();
    }

    /** Per-identifier problems (RFC 8555 section 6.7.1). */
    public List<Subproblem> subproblems() {
        return subproblems;
    }

    /** Extension members of the problem document, for example {@code algorithms} of badSignatureAlgorithm. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /**
     * A problem about one identifier of a request (RFC 8555 section 6.7.1).
     *
     * @param type            the problem type
     * @param detail          what is wrong with that identifier
     * @param identifierType  the identifier's type, for example {@code TNAuthList}
     * @param identifierValue the identifier's value
     */
    public record Subproblem(ProblemType type, String detail, String identifierType, String identifierValue) {
    }
}
