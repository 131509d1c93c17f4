package org.shakenpki.web.stir;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.RcdDraft;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the Rich Call Data members of a signingRequest (RFC 9795): shapes accepted, and a 400 naming the member. */
class RcdRequestsTest {

    private static JsonObject request(String members) {
        return Json.createReader(new StringReader("{\"attest\":\"A\"" + members + "}")).readObject();
    }

    private static String refused(String members) {
        ProblemException e = assertThrows(ProblemException.class, () -> RcdRequests.parse(request(members)));
        assertEquals(ProblemType.MALFORMED, e.type());
        return e.detail();
    }

    @Test
    void aRequestWithRcdIsRead() {
        assertNull(RcdRequests.parse(request("")));
        RcdDraft draft = RcdRequests.parse(request(",\"rcd\":{\"nam\":\"Example Bank\",\"apn\":\"+1 215 555 0199\","
                + "\"icn\":\"https://example.com/logo.png\",\"jcd\":[\"vcard\",[[\"fn\",{},\"text\",\"Example\"],[\"x\",{},\"integer\",7]]]},"
                + "\"crn\":\"Fraud alert\",\"rcdPpt\":\"rcd\""));
        assertEquals("Example Bank", draft.nam());
        assertEquals("12155550199", draft.apn());
        assertEquals(List.of("vcard", List.of(List.of("fn", Map.of(), "text", "Example"), List.of("x", Map.of(), "integer", 7L))),
                draft.jcd());
        assertTrue(draft.integrity());
        assertTrue(draft.separate());
        assertFalse(RcdRequests.parse(request(",\"rcd\":{\"nam\":\"X\"},\"rcdi\":false")).integrity());
        assertEquals("Only a reason", RcdRequests.parse(request(",\"crn\":\"Only a reason\"")).crn());
    }

    @Test
    void malformedRcdIsRefusedNamingTheMember() {
        assertTrue(refused(",\"rcd\":\"Example\"").contains("signingRequest.rcd"));
        assertTrue(refused(",\"rcd\":{}").contains("at least one"));
        assertTrue(refused(",\"rcd\":{\"iss\":\"x\"}").contains("rcd.iss"));
        assertTrue(refused(",\"rcd\":{\"icn\":\"http://example.com/logo.png\"}").contains("rcd.icn"));
        assertTrue(refused(",\"rcd\":{\"jcl\":\"https://user@example.com/card.json\"}").contains("rcd.jcl"));
        assertTrue(refused(",\"rcd\":{\"apn\":\"not a number\"}").contains("rcd.apn"));
        assertTrue(refused(",\"rcd\":{\"jcd\":{\"fn\":\"x\"}}").contains("rcd.jcd"));
        assertTrue(refused(",\"rcd\":{\"jcd\":[\"vcard\",[[\"geo\",{},\"float\",1.5]]]}").contains("integers"));
        assertTrue(refused(",\"rcd\":{\"nam\":\"line\\nbreak\"}").contains("nam"));
        assertTrue(refused(",\"rcd\":{\"nam\":\"" + "x".repeat(256) + "\"}").contains("nam"));
        assertTrue(refused(",\"rcd\":{\"nam\":\"X\"},\"rcdPpt\":\"div\"").contains("rcdPpt"));
        assertTrue(refused(",\"rcd\":{\"nam\":\"X\"},\"rcdi\":\"yes\"").contains("rcdi"));
        assertTrue(refused(",\"crn\":\"x\",\"rcdPpt\":\"rcd\"").contains("rcd"));
        assertTrue(refused(",\"rcdi\":true").contains("rcd"));
    }
}
