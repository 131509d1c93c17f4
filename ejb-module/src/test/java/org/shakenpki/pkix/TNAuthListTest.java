package org.shakenpki.pkix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vectors from RFC 9118 figure 1, the iconectiv staging token and pyasn1-modules (shaken-standards.md 1b). */
class TNAuthListTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesAnSpcWithExplicitTags() {
        TNAuthList list = TNAuthList.ofSpc("1234");
        assertEquals("3008a00616043132333" + "4", HEX.formatHex(list.der()));
        assertEquals("MAigBhYEMTIzNA", list.toBase64Url());
        assertTrue(list.isSingleSpc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAigBhYEMjgxSw==", "MAigBhYEMjgxSw", " MAigBhYEMjgxSw== "})
    void acceptsEveryBase64FormOfTheSameDer(String text) {
        TNAuthList list = TNAuthList.fromBase64(text);
        assertEquals(List.of("281K"), list.spcs());
        assertEquals(TNAuthList.ofSpc("281K"), list);
    }

    @Test
    void standardAndUrlAlphabetsDecodeToTheSameList() {
        // the pyasn1-modules vector has '+' or '/' in neither form, so build one that does
        TNAuthList list = TNAuthList.of(List.of(new TNAuthList.Spc("~~~~~~?>")));
        String url = list.toBase64Url();
        String standard = java.util.Base64.getEncoder().encodeToString(list.der());
        assertFalse(url.equals(standard.replace("=", "")), "vector must differ between alphabets");
        assertEquals(list, TNAuthList.fromBase64(standard));
        assertEquals(list, TNAuthList.fromBase64(url));
    }

    @Test
    void decodesSpcRangeAndOne() {
        TNAuthList list = TNAuthList.fromBase64("MCugBxYFYm9ndXOhEjAQFgo1NzE1NTUxMjEyAgIDFKIMFgo3MDM1NTUxMjEy");
        assertEquals(List.of(new TNAuthList.Spc("bogus"),
                new TNAuthList.Range("5715551212", BigInteger.valueOf(788)),
                new TNAuthList.One("7035551212")), list.entries());
        assertFalse(list.isSingleSpc());
        assertEquals("MCugBxYFYm9ndXOhEjAQFgo1NzE1NTUxMjEyAgIDFKIMFgo3MDM1NTUxMjEy",
                java.util.Base64.getEncoder().encodeToString(TNAuthList.of(list.entries()).der()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "MAA", "MAigBhYEMTIzNAA", "MAiABhYEMTIzNA", "BAQxMjM0"})
    void refusesWhatIsNotADerTNAuthList(String text) {
        assertThrows(IllegalArgumentException.class, () -> TNAuthList.fromBase64(text));
    }

    @Test
    void refusesImplicitTagging() {
        // [0] IMPLICIT IA5String "1234": 30 06 80 04 31 32 33 34
        assertThrows(IllegalArgumentException.class, () -> TNAuthList.decode(HEX.parseHex("3006800431323334")));
    }
}
