package org.shakenpki.pa;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6238 Appendix B (SHA-1 rows), RFC 4226 Appendix D, and the acceptance rules. */
class TotpTest {
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfc6238TestVectorsForSha1() {
        assertEquals("94287082", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)), 8));
        assertEquals("07081804", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)), 8));
        assertEquals("14050471", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111)), 8));
        assertEquals("89005924", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)), 8));
        assertEquals("69279037", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)), 8));
        assertEquals("65353130", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20000000000L)), 8));
    }

    @Test
    void theRfc4226HotpValues() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertEquals(expected[counter], Totp.code(RFC_SECRET, counter, 6), "counter " + counter);
        }
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(RFC_SECRET, Totp.fromBase32(Totp.base32(RFC_SECRET)));
        assertEquals(32, Totp.newSecret().length());
    }

    @Test
    void aCodeIsAcceptedForItsStepAndTheNeighboursOnlyAndOnlyOnce() {
        String secret = Totp.base32(RFC_SECRET);
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);
        String current = Totp.code(RFC_SECRET, step, 6);
        assertEquals(step, Totp.accept(secret, current, now, 0).orElseThrow());
        assertFalse(Totp.accept(secret, current, now, step).isPresent(), "a code used once is refused");
        assertTrue(Totp.accept(secret, Totp.code(RFC_SECRET, step - 1, 6), now, 0).isPresent(), "30 s of drift");
        assertFalse(Totp.accept(secret, Totp.code(RFC_SECRET, step - 2, 6), now, 0).isPresent(), "a minute old");
        assertFalse(Totp.accept(secret, Totp.code(RFC_SECRET, step + 2, 6), now, 0).isPresent(), "a minute ahead");
        assertFalse(Totp.accept(secret, "12345", now, 0).isPresent());
        assertFalse(Totp.accept(secret, null, now, 0).isPresent());
    }
}
