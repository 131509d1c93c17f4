package org.shakenpki.web.problem;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemsTest {

    @Test
    void aProblemExceptionKeepsItsTypeEvenWhenWrapped() {
        var problem = new ProblemException(ProblemType.BAD_NONCE, "nonce already used");
        ProblemDocument document = Problems.known(new EJBException(new JsonbException("wrapper", problem)));
        assertEquals(ProblemType.BAD_NONCE, document.type());
        assertEquals(400, document.status());
        assertEquals("nonce already used", document.detail());
    }

    @Test
    void unreadableJsonIsMalformed() {
        ProblemDocument document = Problems.known(new JsonbException("Unexpected char 125 at (line no=1, column no=9)"));
        assertEquals(ProblemType.MALFORMED, document.type());
        assertFalse(document.detail().contains("char"), "parser internals must not reach the client");
    }

    @Test
    void anUnexpectedFailureIsNotKnownAndItsGenericProblemCarriesNoInternals() {
        assertNull(Problems.known(new UncheckedIOException(new java.io.IOException("/secret/path unreadable"))));
        String json = Problems.internal("incident-42").toJson();
        assertTrue(json.contains("urn:ietf:params:acme:error:serverInternal"));
        assertTrue(json.contains("incident-42"));
        assertFalse(json.contains("secret"));
    }

    @Test
    void rendersSubproblemsAndExtensions() {
        var problem = new ProblemException(ProblemType.BAD_SIGNATURE_ALGORITHM, "alg none is not allowed", null,
                List.of(new ProblemException.Subproblem(ProblemType.REJECTED_IDENTIFIER, "not ours", "TNAuthList", "MAigBhYEMTIzNA")),
                Map.of("algorithms", List.of("ES256", "RS256")));
        String json = ProblemDocument.of(problem).toJson();
        assertTrue(json.contains("\"algorithms\":[\"ES256\",\"RS256\"]"), json);
        assertTrue(json.contains("\"identifier\":{\"type\":\"TNAuthList\",\"value\":\"MAigBhYEMTIzNA\"}"), json);
        assertTrue(json.contains("\"type\":\"urn:ietf:params:acme:error:rejectedIdentifier\""), json);
    }
}
