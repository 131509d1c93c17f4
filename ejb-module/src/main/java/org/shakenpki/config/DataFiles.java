package org.shakenpki.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files the application writes into its data directory for operators and the other roles (the STI-PA root,
 * first-start passwords and tokens): written whole or not at all (a temporary file moved into place), and
 * secrets readable by their owner only from the moment they exist.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /** Writes a public file, replacing what was there. */
    public static void write(Path file, String content) throws IOException {
        move(Files.createTempFile(file.getParent(), ".tmp", ""), content, file);
    }

    /** Writes a secret (mode 0600), replacing what was there. */
    public static void writeSecret(Path file, String secret) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".tmp", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        move(temporary, secret + "\n", file);
    }

    private static void move(Path temporary, String content, Path file) throws IOException {
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
