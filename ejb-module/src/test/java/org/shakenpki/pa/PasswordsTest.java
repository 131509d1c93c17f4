package org.shakenpki.pa;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {

    @Test
    void aHashMatchesOnlyItsPasswordAndIsSalted() {
        String hash = Passwords.hash("correct horse battery staple");
        assertTrue(hash.startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$"));
        assertTrue(Passwords.matches("correct horse battery staple", hash));
        assertFalse(Passwords.matches("correct horse battery stapler", hash));
        assertNotEquals(hash, Passwords.hash("correct horse battery staple"));
        assertFalse(Passwords.matches("x", "plain-text"));
    }

    @Test
    void tokensAreStoredAsTheirSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Passwords.tokenHash("abc"));
        assertEquals(43, Passwords.randomSecret().length());
    }
}
