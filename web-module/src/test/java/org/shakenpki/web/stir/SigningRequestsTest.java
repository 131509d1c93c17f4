package org.shakenpki.web.stir;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.Attestation;
import org.shakenpki.stir.DiversionDraft;
import org.shakenpki.stir.SigningDraft;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading signingRequest: canonical numbers, optional iat/origid/spc, and a 400 naming the member otherwise. */
class SigningRequestsTest {

    private static JsonObject request(String members) {
        return Json.createReader(new StringReader("{\"attest\":\"B\",\"dest\":{\"tn\":[\"+1 215 555 0131\"]},"
                + "\"orig\":{\"tn\":\"tel:+12155550121\"}" + members + "}")).readObject();
    }

    private static String refused(String members) {
        ProblemException e = assertThrows(ProblemException.class, () -> SigningRequests.parse(request(members)));
        assertEquals(ProblemType.MALFORMED, e.type());
        return e.detail();
    }

    @Test
    void aRequestIsReadWithCanonicalNumbersAndNothingTheStiAsSets() {
        SigningDraft draft = SigningRequests.parse(request(""));
        assertEquals(Attestation.B, draft.attest());
        assertEquals(List.of("12155550131"), draft.dest());
        assertEquals("12155550121", draft.orig());
        assertNull(draft.iat());
        assertNull(draft.origid());
        assertNull(draft.spc());
        SigningDraft full = SigningRequests.parse(request(",\"iat\":1735693230,\"origid\":\"x\",\"spc\":\"1234\""));
        assertEquals(1735693230L, full.iat());
        assertEquals("x", full.origid(), "checked by the policy, not here");
        assertEquals("1234", full.spc());
    }

    @Test
    void aMemberOfTheWrongShapeIsA400NamingIt() {
        assertTrue(refused(",\"iat\":1e30").startsWith("signingRequest.iat"), "an iat beyond a long is not wrapped around");
        assertTrue(refused(",\"iat\":1.5").startsWith("signingRequest.iat"));
        assertTrue(refused(",\"iat\":\"1735693230\"").startsWith("signingRequest.iat"));
        assertTrue(refused(",\"origid\":5").startsWith("signingRequest.origid"));
        assertTrue(refused(",\"spc\":[\"1234\"]").startsWith("signingRequest.spc"));
        ProblemException attest = assertThrows(ProblemException.class, () -> SigningRequests.parse(
                Json.createReader(new StringReader("{\"attest\":\"a\",\"dest\":{\"tn\":[\"12155550131\"]},\"orig\":{\"tn\":\"12155550121\"}}"))
                        .readObject()));
        assertTrue(attest.detail().startsWith("signingRequest.attest"), attest.detail());
    }

    private static JsonObject diversion(String members) {
        return Json.createReader(new StringReader("{\"div\":{\"tn\":\"+1 215 555 0131\"},\"dest\":{\"tn\":[\"12155550141\"]}"
                + members + "}")).readObject();
    }

    private static String refusedDiversion(String members) {
        ProblemException e = assertThrows(ProblemException.class, () -> SigningRequests.parseDiversion(diversion(members)));
        assertEquals(ProblemType.MALFORMED, e.type());
        return e.detail();
    }

    @Test
    void aDiversionIsReadWithItsIncomingIdentityHeaders() {
        DiversionDraft one = SigningRequests.parseDiversion(diversion(",\"identity\":\"a;info=<https://x/1>\""));
        assertEquals(List.of("a;info=<https://x/1>"), one.identities());
        assertEquals("12155550131", one.div());
        assertEquals(List.of("12155550141"), one.dest());
        assertFalse(one.withOpt());
        DiversionDraft two = SigningRequests.parseDiversion(diversion(",\"identity\":[\"a\",\"b\"],\"ppt\":\"div-o\",\"spc\":\"5678\""));
        assertEquals(List.of("a", "b"), two.identities());
        assertTrue(two.withOpt());
        assertEquals("5678", two.spc());
    }

    @Test
    void aDiversionOfTheWrongShapeIsA400NamingTheMember() {
        assertTrue(refusedDiversion("").startsWith("signingRequest.identity is required"));
        assertTrue(refusedDiversion(",\"identity\":[1]").startsWith("signingRequest.identity"));
        assertTrue(refusedDiversion(",\"identity\":\"a\",\"ppt\":\"shaken\"").startsWith("signingRequest.ppt"));
        assertTrue(refusedDiversion(",\"identity\":\"a\",\"attest\":\"A\"").contains("belong to the SHAKEN PASSporT"));
    }
}
