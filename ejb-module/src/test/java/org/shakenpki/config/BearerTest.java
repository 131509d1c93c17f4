package org.shakenpki.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTest {
    @Test
    void theSchemeIsCaseInsensitiveAndTheCredentialIsRequired() {
        assertEquals(Optional.of("abc"), Bearer.credential("Bearer abc"));
        assertEquals(Optional.of("abc"), Bearer.credential("BEARER   abc  "));
        assertEquals(Optional.empty(), Bearer.credential("Bearerabc"));
        assertEquals(Optional.empty(), Bearer.credential("Bearer    "));
        assertEquals(Optional.empty(), Bearer.credential("Basic abc"));
        assertEquals(Optional.empty(), Bearer.credential(null));
    }

    @Test
    void theRawFormOfTheStiPaApiIsAcceptedWhereAsked() {
        assertEquals("abc", Bearer.credentialOrRaw("Bearer abc"));
        assertEquals("abc", Bearer.credentialOrRaw(" abc "));
        assertEquals("", Bearer.credentialOrRaw(null));
    }
}
