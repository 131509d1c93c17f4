package org.shakenpki.web.problem;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBuilders;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A problem document (RFC 7807 section 3) as it goes on the wire, with the RFC 8555 section 6.7.1
 * {@code subproblems} member when there are any.
 *
 * @param type        the problem type
 * @param status      the HTTP status (the type's, unless the failure carried a more precise one)
 * @param detail      the client-facing explanation
 * @param subproblems per-identifier problems
 * @param extensions  extension members, e.g. {@code algorithms}
 */
public record ProblemDocument(ProblemType type, int status, String detail,
                              List<ProblemException.Subproblem> subproblems, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemDocument of(ProblemType type, String detail) {
        return new ProblemDocument(type, type.status(), detail, List.of(), Map.of());
    }

    public static ProblemDocument of(ProblemException problem) {
        return new ProblemDocument(problem.type(), problem.type().status(), problem.detail(),
                problem.subproblems(), problem.extensions());
    }

    /** The JSON text of the document. */
    public String toJson() {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", status);
        if (detail != null && !detail.isEmpty()) {
            json.add("detail", detail);
        }
        if (!subproblems.isEmpty()) {
            JsonArrayBuilder array = JsonBuilders.array();
            for (ProblemException.Subproblem sub : subproblems) {
                array.add(JsonBuilders.object()
                        .add("type", sub.type().uri())
                        .add("detail", sub.detail())
                        .add("identifier", JsonBuilders.object()
                                .add("type", sub.identifierType())
                                .add("value", sub.identifierValue())));
            }
            json.add("subproblems", array);
        }
        extensions.forEach((name, value) -> addValue(json, name, value));
        return json.build().toString();
    }

    private static void addValue(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Collection<?> values) {
            JsonArrayBuilder array = JsonBuilders.array();
            values.forEach(v -> array.add(String.valueOf(v)));
            json.add(name, array);
        } else if (value instanceof Number number) {
            json.add(name, number.longValue());
        } else if (value instanceof Boolean flag) {
            json.add(name, flag);
        } else {
            json.add(name, String.valueOf(value));
        }
    }
}
