package org.shakenpki.web.kms;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading {@code jwtClaimConstraints} of an SP-KMS credential create request (RFC 8226 section 8, RFC 9118). */
class ClaimConstraintsJsonTest {

    private static JsonObject request(String members) {
        return Json.createReader(new StringReader("{\"spc\":\"1234\"" + members + "}")).readObject();
    }

    @Test
    void theFormFollowsMustExclude() {
        assertNull(ClaimConstraintsJson.parse(request("")));
        JwtClaimConstraints plain = ClaimConstraintsJson.parse(request(
                ",\"jwtClaimConstraints\":{\"mustInclude\":[\"rcd\"],\"permittedValues\":{\"rcd\":[\"{\\\"nam\\\":\\\"Bank\\\"}\"]}}"));
        assertFalse(plain.enhanced());
        assertEquals(List.of("rcd"), plain.mustInclude());
        assertEquals(Map.of("rcd", List.of("{\"nam\":\"Bank\"}")), plain.permittedValues());
        assertTrue(ClaimConstraintsJson.parse(request(",\"jwtClaimConstraints\":{\"mustExclude\":[\"crn\"]}")).enhanced());
    }

    @Test
    void malformedConstraintsAre400() {
        for (String bad : new String[] {
            "[]", "{}", "{\"mustInclude\":\"rcd\"}", "{\"mustInclude\":[]}", "{\"mustInclude\":[\"\"]}",
            "{\"mustInclude\":[\"r\\u00e9\"]}", "{\"permittedValues\":{\"rcd\":[]}}", "{\"permittedValues\":[\"rcd\"]}",
            "{\"mustExclude\":[1]}", "{\"other\":[\"x\"]}",
        }) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> ClaimConstraintsJson.parse(request(",\"jwtClaimConstraints\":" + bad)), bad);
            assertEquals(ProblemType.MALFORMED, e.type());
            assertTrue(e.detail().startsWith("jwtClaimConstraints"), e.detail());
        }
    }
}
