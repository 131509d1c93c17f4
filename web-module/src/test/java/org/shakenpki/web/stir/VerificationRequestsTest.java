package org.shakenpki.web.stir;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.VerificationRequest;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading verificationRequest: canonical numbers, both time forms, and a 400 naming the member otherwise. */
class VerificationRequestsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aRequestIsReadWithCanonicalNumbers() {
        VerificationRequest request = VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":{\"tn\":\"+1 (215) 555-0121\"},"
                + "\"to\":{\"tn\":[\"tel:+12155550131\"]},\"time\":1735693230,\"identity\":\"x;info=<https://a/b>\"}}"));
        assertEquals("12155550121", request.fromTn());
        assertEquals(List.of("12155550131"), request.toTns());
        assertEquals(Instant.ofEpochSecond(1735693230), request.time());
        assertEquals(List.of("x;info=<https://a/b>"), request.identities());
    }

    @Test
    void severalIdentityHeadersAreReadInOrder() {
        VerificationRequest request = VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":{\"tn\":\"12155550121\"},"
                + "\"to\":{\"tn\":\"12155550131\"},\"identity\":[\"a;info=<https://a/1>\",\"b;info=<https://a/2>\"]}}"));
        assertEquals(List.of("a;info=<https://a/1>", "b;info=<https://a/2>"), request.identities());
        assertThrows(ProblemException.class, () -> VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},"
                + "\"to\":{\"tn\":\"2\"},\"identity\":[1]}}")));
    }

    @Test
    void timeMayBeRfc3339AndIdentityAndTimeMayBeAbsent() {
        VerificationRequest request = VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":{\"tn\":\"12155550121\"},"
                + "\"to\":{\"tn\":\"12155550131\"},\"time\":\"2025-01-01T01:00:30Z\"}}"));
        assertEquals(Instant.parse("2025-01-01T01:00:30Z"), request.time());
        assertEquals(List.of(), request.identities());
        assertNull(VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[\"2\"]}}}")).time());
    }

    @Test
    void everyUnreadableMemberIsNamed() {
        assertMalformed("{}", "verificationRequest");
        assertMalformed("{\"verificationRequest\":{\"to\":{\"tn\":[\"1\"]}}}", "verificationRequest.from");
        assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":5},\"to\":{\"tn\":[\"1\"]}}}", "verificationRequest.from.tn");
        assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[]}}}", "verificationRequest.to.tn");
        assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\",\"abc\"]}}}", "verificationRequest.to.tn[1]");
        assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\"]},\"time\":\"yesterday\"}}",
                "verificationRequest.time");
        assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\"]},\"identity\":{}}}",
                "verificationRequest.identity");
    }

    @Test
    void aTimeNoCallCanHaveIsRefusedNamingTheMember() {
        for (String time : new String[] {"100000000000000000", "1e17", "1e300", "-1", "1.5", "\"999999999999\"",
                "\"+10000-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"", "\"+999999999-12-31T23:59:59-18:00\"", "true", "[]"}) {
            assertMalformed("{\"verificationRequest\":{\"from\":{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\"]},\"time\":" + time + "}}",
                    "verificationRequest.time");
        }
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":"
                + "{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\"]},\"time\":253402300799}}")).time());
        assertEquals(Instant.EPOCH, VerificationRequests.parse(json("{\"verificationRequest\":{\"from\":"
                + "{\"tn\":\"1\"},\"to\":{\"tn\":[\"1\"]},\"time\":\"0\"}}")).time());
    }

    private static void assertMalformed(String body, String member) {
        ProblemException problem = assertThrows(ProblemException.class, () -> VerificationRequests.parse(json(body)));
        assertEquals(ProblemType.MALFORMED, problem.type());
        assertTrue(problem.detail().startsWith(member + " "), problem.detail());
    }
}
