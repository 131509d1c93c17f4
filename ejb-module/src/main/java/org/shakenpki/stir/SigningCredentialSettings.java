package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the STI-AS's signing credentials come from ({@code shakenpki.as.credentials.*}, the adapter of
 * {@link SigningCredentialSource}):
 * <ul>
 *   <li>{@code shakenpki.as.credentials}: {@code local} (default), the SP-KMS of this deployment; or
 *       {@code remote}, an SP-KMS elsewhere that announces each new certificate by signed webhook
 *       ({@code POST /stir/v1/credential-notifications}).</li>
 *   <li>remote only: {@code .token-role} (default {@code as}), the key store role ({@code sks.roles}) whose
 *       PKCS#11 token holds the keys the SP-KMS made; {@code .key-alias} and {@code .x5u}, the credential to sign
 *       with until the first notification; {@code .notify-secret-file}, the secret the SP-KMS signs its
 *       notifications with (its {@code shakenpki.kms.notify-secret-file}); {@code .notify-tolerance} (default
 *       PT5M), how far a notification's signing time may be from this node's clock.</li>
 * </ul>
 */
@ApplicationScoped
public class SigningCredentialSettings {
    /** The adapter names, as {@link CredentialSourceKind} qualifies them. */
    public static final String LOCAL = "local";
    public static final String REMOTE = "remote";

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials", defaultValue = LOCAL)
    String source;

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials.token-role", defaultValue = "as")
    String tokenRole;

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials.key-alias")
    Optional<String> keyAlias;

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials.x5u")
    Optional<String> x5u;

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials.notify-secret-file")
    Optional<String> notifySecretFile;

    @Inject
    @ConfigProperty(name = "shakenpki.as.credentials.notify-tolerance", defaultValue = "PT5M")
    Duration notifyTolerance;

    /**
     * {@code local} or {@code remote}.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    public String source() {
        String value = source.strip().toLowerCase(Locale.ROOT);
        if (!value.equals(LOCAL) && !value.equals(REMOTE)) {
            throw new IllegalArgumentException("shakenpki.as.credentials=" + source + ": allowed are local, remote");
        }
        return value;
    }

    public String tokenRole() {
        return tokenRole;
    }

    /** The key and x5u signed with until the SP-KMS's first notification, when both are set. */
    public Optional<Initial> initial() {
        Optional<String> alias = keyAlias.filter(a -> !a.isBlank());
        Optional<String> url = x5u.filter(u -> !u.isBlank());
        if (alias.isPresent() != url.isPresent()) {
            throw new IllegalArgumentException("shakenpki.as.credentials.key-alias and shakenpki.as.credentials.x5u"
                    + " are set together or not at all");
        }
        return alias.map(a -> new Initial(a, url.get()));
    }

    /** A configured key alias and the x5u of its certificate chain. */
    public record Initial(String keyAlias, String x5u) {
    }

    /** The shared secret of the SP-KMS's notifications, when configured. */
    public Optional<String> notifySecret() {
        return notifySecretFile.filter(f -> !f.isBlank()).map(file -> {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalStateException("shakenpki.as.credentials.notify-secret-file=" + file + " cannot be read: " + e);
            }
        }).filter(secret -> !secret.isEmpty());
    }

    public Duration notifyTolerance() {
        return notifyTolerance;
    }
}
