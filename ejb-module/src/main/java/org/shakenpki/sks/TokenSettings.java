package org.shakenpki.sks;

import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How to reach the token of one role, read from MicroProfile Config:
 *
 * <pre>
 * sks.&lt;role&gt;.library   PKCS#11 module path, e.g. /usr/lib/softhsm/libsofthsm2.so
 * sks.&lt;role&gt;.label     token label; resolved to its slot id when the token is opened
 * sks.&lt;role&gt;.slot      optional: a slot id, used instead of the label
 * sks.&lt;role&gt;.pin-file  a file holding the user PIN, or
 * sks.&lt;role&gt;.pin-env   the name of an environment variable holding it
 * </pre>
 *
 * The PIN itself is never a configuration value, so it cannot end up in a properties file or a log.
 */
public record TokenSettings(String role, String library, String label, OptionalLong slot,
                            Optional<Path> pinFile, Optional<String> pinEnv) {

    public static TokenSettings fromConfig(Config config, String role) {
        return from(role, key -> config.getOptionalValue(key, String.class));
    }

    /** Reads the settings of a role from any key-value source (configuration, a properties file in tests). */
    public static TokenSettings from(String role, Function<String, Optional<String>> source) {
        String prefix = "sks." + role + ".";
        return new TokenSettings(role,
                source.apply(prefix + "library").orElseThrow(
                        () -> new IllegalStateException("token " + role + ": " + prefix + "library is not configured")),
                source.apply(prefix + "label").orElse("shaken-" + role),
                source.apply(prefix + "slot").map(slot -> OptionalLong.of(Long.parseLong(slot.strip())))
                        .orElse(OptionalLong.empty()),
                source.apply(prefix + "pin-file").map(Path::of),
                source.apply(prefix + "pin-env"));
    }

    /** Reads the user PIN from its file or environment variable. */
    public char[] readPin() {
        if (pinFile.isPresent()) {
            try {
                return Files.readString(pinFile.get()).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the PIN file of token " + role + ": " + pinFile.get(), e);
            }
        }
        String variable = pinEnv.orElseThrow(() -> new IllegalStateException(
                "no PIN source for token " + role + ": set sks." + role + ".pin-file or sks." + role + ".pin-env"));
        String pin = System.getenv(variable);
        if (pin == null || pin.isEmpty()) {
            throw new IllegalStateException("environment variable " + variable + " (PIN of token " + role + ") is not set");
        }
        return pin.toCharArray();
    }
}
