package org.shakenpki.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void theTokenIsMadeOnceOwnerOnlyAndMatchesOnlyItself() throws Exception {
        Path file = dir.resolve("role/admin.token");
        AdminToken token = AdminToken.loadOrCreate(file);
        String secret = Files.readString(file).strip();
        assertEquals(43, secret.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(token.matches("Bearer " + secret));
        assertTrue(token.matches(secret));
        assertFalse(token.matches("Bearer " + secret.substring(1)));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
        assertTrue(AdminToken.loadOrCreate(file).matches(secret), "a second start reads the same token");
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
