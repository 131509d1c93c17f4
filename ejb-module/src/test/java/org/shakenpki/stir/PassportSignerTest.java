package org.shakenpki.stir;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PassportSignerTest {

    @Test
    void writesTheClaimsInLexicographicOrderWithAnIntegerIat() {
        // RFC 8588 section 6 example, with iat as a NumericDate integer
        String claims = PassportSigner.claims(new SigningRequest("A", List.of("12155550131"), 1443208345L,
                "12155550121", "123e4567-e89b-12d3-a456-426655440000"));
        assertEquals("{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155550131\"]},\"iat\":1443208345,"
                + "\"orig\":{\"tn\":\"12155550121\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}", claims);
    }

    @Test
    void listsEveryDestination() {
        String claims = PassportSigner.claims(new SigningRequest("C", List.of("12155550131", "12155550132"), 1L,
                "12155550121", "123e4567-e89b-12d3-a456-426655440000"));
        assertEquals("{\"attest\":\"C\",\"dest\":{\"tn\":[\"12155550131\",\"12155550132\"]},\"iat\":1,"
                + "\"orig\":{\"tn\":\"12155550121\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}", claims);
    }

    @Test
    void escapesJsonStrings() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", PassportSigner.json("a\"b\\c\n\u0001"));
    }

    @Test
    void writesTheProtectedHeaderInCanonicalForm() {
        // RFC 8225 section 9: keys in lexicographic order, no whitespace; RFC 8588 section 3: ppt "shaken"
        String encoded = PassportSigner.header("https://cr.example/leaf.pem");
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://cr.example/leaf.pem\"}",
                new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII));
        assertFalse(encoded.contains("="), "base64url without padding (RFC 7515 section 2)");
    }

    @Test
    void writesTheShakenHeaderWithTheX5u() throws Exception {
        JWSHeader header = JWSHeader.parse(new Base64URL(PassportSigner.header("https://cr.example/leaf.pem")));
        assertEquals("ES256", header.getAlgorithm().getName());
        assertEquals("passport", header.getType().getType());
        assertEquals("shaken", header.getCustomParam("ppt"));
        assertEquals("https://cr.example/leaf.pem", header.getX509CertURL().toString());
    }

    @Test
    void writesDivClaimsInLexicographicOrder() {
        // RFC 8946 section 3 example, canonical per RFC 8225 section 9
        assertEquals("{\"dest\":{\"tn\":[\"12155551214\"]},\"div\":{\"tn\":\"12155551213\"},\"iat\":1443208345,"
                + "\"orig\":{\"tn\":\"12155551212\"}}", PassportSigner.divClaims(new DivSigningRequest(List.of("12155551214"),
                "12155551213", 1443208345L, "12155551212", null)));
        assertEquals("{\"dest\":{\"tn\":[\"2\"]},\"div\":{\"tn\":\"1\"},\"iat\":1,\"opt\":\"a.b.c\",\"orig\":{\"tn\":\"0\"}}",
                PassportSigner.divClaims(new DivSigningRequest(List.of("2"), "1", 1L, "0", "a.b.c")), "opt sorts before orig");
    }

    @Test
    void writesTheDivHeaderApartFromTheShakenOneForTheSameX5u() {
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"div\",\"typ\":\"passport\",\"x5u\":\"https://cr.example/leaf.pem\"}",
                new String(Base64.getUrlDecoder().decode(PassportSigner.header("https://cr.example/leaf.pem", "div")),
                        StandardCharsets.US_ASCII));
        assertEquals("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://cr.example/leaf.pem\"}",
                new String(Base64.getUrlDecoder().decode(PassportSigner.header("https://cr.example/leaf.pem")), StandardCharsets.US_ASCII));
    }
}
