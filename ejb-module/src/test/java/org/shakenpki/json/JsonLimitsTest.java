package org.shakenpki.json;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nesting, number and encoding limits of JSON from clients (RFC 8259 sections 8.1 and 9). */
class JsonLimitsTest {
    private static final String DEEP_ARRAYS = "[".repeat(5000) + "]".repeat(5000);
    private static final String DEEP_OBJECTS = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    @Test
    void thirtyTwoLevelsPassAndThirtyThreeAreMalformed() {
        assertDoesNotThrow(() -> JsonLimits.check("[".repeat(32) + "]".repeat(32)));
        assertDoesNotThrow(() -> JsonLimits.check("{\"a\":".repeat(32) + "1" + "}".repeat(32)));
        assertRefused("nested", () -> JsonLimits.check("[".repeat(33) + "]".repeat(33)));
        assertRefused("nested", () -> JsonLimits.check(DEEP_ARRAYS));
        assertRefused("nested", () -> JsonLimits.check(DEEP_OBJECTS));
        // siblings do not add up: depth, not count
        assertDoesNotThrow(() -> JsonLimits.check("[" + "[[]],".repeat(10_000) + "[]]"));
    }

    @Test
    void bracketsInsideStringsAreText() {
        assertDoesNotThrow(() -> JsonLimits.check("{\"a\":\"" + "[{".repeat(5000) + "\"}"));
        assertDoesNotThrow(() -> JsonLimits.check("{\"a\":\"\\\"" + "[".repeat(5000) + "\"}"));
        // an escaped backslash ends before the quote, which closes the string: the brackets after it count
        assertRefused("nested", () -> JsonLimits.check("[\"\\\\\"," + "[".repeat(40) + "]".repeat(40) + "]"));
    }

    @Test
    void longNumbersAreMalformedButLongStringsAreNot() {
        assertDoesNotThrow(() -> JsonLimits.check("[" + "1".repeat(100) + "]"));
        assertRefused("numbers", () -> JsonLimits.check("[1" + "0".repeat(5000) + "]"));
        assertRefused("numbers", () -> JsonLimits.check("[1e" + "9".repeat(200) + "]"));
        assertDoesNotThrow(() -> JsonLimits.check("[\"" + "1".repeat(5000) + "\"," + "1".repeat(100) + "]"));
    }

    @Test
    void aStreamIsCheckedAsItIsReadAndUtf16IsRefused() throws Exception {
        assertRefused("nested", () -> readAll(JsonLimits.checking(stream(DEEP_OBJECTS.getBytes(StandardCharsets.UTF_8)))));
        assertRefused("nested", () -> {
            InputStream in = JsonLimits.checking(stream(DEEP_ARRAYS.getBytes(StandardCharsets.UTF_8)));
            while (in.read() >= 0) {
                // byte by byte
            }
        });
        assertRefused("nested", () -> JsonLimits.checking(stream(DEEP_ARRAYS.getBytes(StandardCharsets.UTF_8))).skip(100_000));
        // UTF-16 would let U+2200 (bytes 22 00) open a "string" that hides the brackets after it from a byte scan
        assertRefused("UTF-8", () -> readAll(JsonLimits.checking(stream(("[\"\u2200\"," + DEEP_ARRAYS + "]")
                .getBytes(StandardCharsets.UTF_16BE)))));
        byte[] text = "{\"name\":\"Zoë ☎ [{\",\"n\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(text, StandardCharsets.UTF_8),
                new String(JsonLimits.checking(stream(text)).readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The PASSporT, SPC-token and JWS parsers of Nimbus 10.10 (shaded Gson 2.14) stop at 255 levels with a
     * ParseException, which their callers turn into 438 or a refused token: a Nimbus upgrade without that limit
     * fails here.
     */
    @Test
    void nimbusRefusesDeepJsonWithAParseExceptionNotAStackOverflow() {
        assertThrows(ParseException.class, () -> JSONObjectUtils.parse("{\"a\":" + DEEP_ARRAYS + "}"));
        assertThrows(ParseException.class, () -> JSONObjectUtils.parse(DEEP_OBJECTS));
        String header = Base64URL.encode("{\"alg\":\"ES256\",\"x\":" + DEEP_ARRAYS + "}").toString();
        String payload = Base64URL.encode(DEEP_OBJECTS).toString();
        assertThrows(ParseException.class, () -> JWSObject.parse(header + "." + payload + ".AAAA"));
        assertThrows(ParseException.class, () -> SignedJWT.parse(header + "." + payload + ".AAAA"));
        String fineHeader = Base64URL.encode("{\"alg\":\"ES256\"}").toString();
        assertThrows(ParseException.class, () -> SignedJWT.parse(fineHeader + "." + payload + ".AAAA").getJWTClaimsSet());
        // the payload of a PASSporT: no exception, no object (PassportClaims then refuses it)
        assertEquals(null, assertDoesNotThrow(() -> JWSObject.parse(fineHeader + "." + payload + ".AAAA").getPayload().toJSONObject()));
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static void readAll(InputStream in) throws Exception {
        byte[] buffer = new byte[1000];
        while (in.read(buffer, 0, buffer.length) >= 0) {
            // reading is checking
        }
    }

    private static void assertRefused(String detail, Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(ProblemType.MALFORMED, e.type());
        assertTrue(e.detail().contains(detail), e.detail());
    }
}
