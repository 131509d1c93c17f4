package org.shakenpki.stipa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One role's STI-PA API settings: the API base URL ({@code shakenpki.<role>.sti-pa-url}), the role's API user
 * ({@code sti-pa.user-id}) and the file holding its password ({@code sti-pa.password-file}), read at each login
 * so that a rotated password needs no restart.
 *
 * @param baseUrl the API base URL, without a trailing slash
 */
public record StiPaSettings(String baseUrl, String userId, Path passwordFile) {
    public StiPaSettings {
        Objects.requireNonNull(baseUrl, "the STI-PA URL");
        Objects.requireNonNull(userId, "the STI-PA user");
        Objects.requireNonNull(passwordFile, "the STI-PA password file");
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The password, read from its file now. */
    String password() throws StiPaFailure {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StiPaFailure(StiPaFailure.Kind.NOT_CONFIGURED,
                    "the STI-PA password file " + passwordFile + " cannot be read", null, e);
        }
    }
}
