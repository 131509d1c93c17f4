package org.shakenpki.stir;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces of the {@code rcdi} check (RFC 9795 section 5.2): RFC 8785 canonical JSON, SRI digest strings, RFC 6901
 * pointers into the {@code rcd} claim, and the verdicts on hostile {@code rcdi} claims: not an object, a digest
 * that is no string or names an unknown algorithm, a pointer to nothing, a link on a port x5u may not use.
 */
class RcdIntegrityTest {
    private static final String LOGO = "https://logos.example.test/a.png";
    private static final byte[] PNG = "png".getBytes(StandardCharsets.US_ASCII);
    private static final LinkedContent WEB = uri -> {
        if (uri.toString().equals(LOGO)) {
            return PNG;
        }
        throw new IOException("not found");
    };

    private static RichCallData rcd(String nam, String icn) {
        return RichCallData.of(nam, null, icn, null, null);
    }

    private static RcdResult verify(RichCallData rcd, Object rcdi) {
        return RcdIntegrity.verify(rcd, rcdi, null, "shaken", WEB, Set.of(443));
    }

    @Test
    void canonicalJsonSortsKeysEscapesAndRefusesFractions() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1L, true, "x\"\n\u0001"));
        value.put("a", null);
        value.put("\u00e9", Map.of());
        assertEquals("{\"a\":null,\"b\":[1,true,\"x\\\"\\n\\u0001\"],\"\u00e9\":{}}", Jcs.write(value));
        assertEquals("[\"\\b\\f\"]", Jcs.write(List.of("\b\f")));
        assertEquals("0", Jcs.write(-0.0));
        assertEquals("3", Jcs.write(3.0));
        assertThrows(IllegalArgumentException.class, () -> Jcs.write(1.5));
        assertThrows(IllegalArgumentException.class, () -> Jcs.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Jcs.write(1L << 54));
    }

    @Test
    void digestStringsFollowSubresourceIntegrity() {
        // SHA-256 of the empty string, standard base64
        assertEquals("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", RcdDigests.sri(new byte[0]));
        assertTrue(RcdDigests.matches("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", new byte[0]));
        assertTrue(RcdDigests.matches("SHA256-47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", new byte[0]), "base64url, unpadded");
        assertTrue(RcdDigests.matches("sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
                new byte[0]));
        assertFalse(RcdDigests.matches("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", PNG));
        assertThrows(IllegalArgumentException.class, () -> RcdDigests.matches("md5-1B2M2Y8AsgTpgAmY7PhCfg==", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RcdDigests.matches("sha256-***", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RcdDigests.matches("47DEQpj8", new byte[0]));
    }

    @Test
    void pointersFollowRfc6901() {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("a/b", "slash");
        claim.put("m~n", "tilde");
        claim.put("list", List.of("zero", "one"));
        RichCallData rcd = new RichCallData(null, null, null, null, null, claim);
        assertEquals("slash", rcd.resolve("/a~1b"));
        assertEquals("tilde", rcd.resolve("/m~0n"));
        assertEquals("one", rcd.resolve("/list/1"));
        assertEquals(claim, rcd.resolve(""));
        for (String bad : new String[] {"nam", "/absent", "/list/2", "/list/01", "/list/-"}) {
            assertThrows(IllegalArgumentException.class, () -> rcd.resolve(bad), bad);
        }
    }

    @Test
    void hostileRcdiClaimsFailTheRcd() {
        RichCallData rcd = rcd("Example", LOGO);
        String good = RcdDigests.sri(PNG);
        assertEquals(RcdResult.Status.VERIFIED, verify(rcd, Map.of("/icn", good)).status());
        assertEquals(RcdResult.Status.FAILED, verify(rcd, List.of(good)).status(), "an array");
        assertEquals(RcdResult.Status.FAILED, verify(rcd, Map.of("/icn", 5)).status(), "a number");
        assertEquals(RcdResult.Status.FAILED, verify(rcd, Map.of("/icn", "md5-abc")).status(), "an unknown algorithm");
        RcdResult nothing = verify(rcd, Map.of("/icn", good, "/jcl", good));
        assertEquals(RcdResult.Status.FAILED, nothing.status(), "a pointer to nothing");
        assertTrue(nothing.reason().contains("/jcl"), nothing.reason());
        // an inline value is digested as canonical JSON: "Example" with its quotes
        String nam = RcdDigests.sri("\"Example\"".getBytes(StandardCharsets.UTF_8));
        assertEquals(RcdResult.Status.VERIFIED, verify(rcd, Map.of("/icn", good, "/nam", nam)).status());
        assertEquals(RcdResult.Status.FAILED, verify(rcd("Other", LOGO), Map.of("/icn", good, "/nam", nam)).status());

        RichCallData elsewhere = rcd("Example", "https://logos.example.test:8080/a.png");
        RcdResult port = verify(elsewhere, Map.of("/icn", good));
        assertEquals(RcdResult.Digest.UNAVAILABLE, port.icn().digest(), port.reason());
        assertTrue(port.reason().contains("8080"), port.reason());
        RcdResult plain = verify(rcd("Example", "http://logos.example.test/a.png"), Map.of("/icn", good));
        assertEquals(RcdResult.Status.FAILED, plain.status(), "an http link is not fetched");
    }

    @Test
    void rcdWithoutLinksNeedsNoRcdi() {
        assertEquals(RcdResult.Status.VERIFIED, verify(rcd("Example", null), null).status());
        assertEquals(RcdResult.Status.UNPROTECTED, verify(rcd("Example", LOGO), Map.of()).status());
    }

    @Test
    void theVerifierKeepsLinkedContentAsTheServerSays() {
        assertEquals(Duration.ZERO, RcdContent.lifetime("no-store"));
        assertEquals(Duration.ZERO, RcdContent.lifetime("max-age=0"));
        assertEquals(Duration.ofSeconds(120), RcdContent.lifetime("public, max-age=120"));
        assertEquals(RcdContent.MAX_LIFETIME, RcdContent.lifetime("max-age=999999"));
        assertEquals(RcdContent.DEFAULT_LIFETIME, RcdContent.lifetime(null));
    }
}
