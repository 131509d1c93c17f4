package org.shakenpki.stir;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The STI-AS configuration ({@code shakenpki.as.*}, defaults in META-INF/microprofile-config.properties under
 * "STI-AS"), typed and checked when the bean is created: the administrator's token file, how far a caller's
 * {@code iat} may stray from the STI-AS clock (RFC 8225 section 5.1.1), how long API-key lookups are cached, the
 * default SPC ({@code shakenpki.as.spc}), and where the signing credentials come from (the adapter of
 * {@link SigningCredentialSource}):
 * <ul>
 *   <li>{@code shakenpki.as.credentials}: {@code local} (default), the SP-KMS of this deployment; or
 *       {@code remote}, an SP-KMS elsewhere that announces each new certificate by signed webhook
 *       ({@code POST /stir/v1/credential-notifications}).</li>
 *   <li>remote only: {@code .token-role} (default {@code as}), the key store role whose PKCS#11 token holds the
 *       keys the SP-KMS made; {@code .key-alias} and {@code .x5u}, the credential to sign with until the first
 *       notification (both or neither); {@code .notify-secret-file}, the secret the SP-KMS signs its
 *       notifications with (its {@code shakenpki.kms.notify-secret-file}); {@code .notify-tolerance} (default
 *       PT5M), how far a notification's signing time may be from this node's clock.</li>
 * </ul>
 */
@ApplicationScoped
public class AsSettings implements RoleSettings {
    /** The credential-source adapter names, as {@link CredentialSourceKind} qualifies them. */
    public static final String LOCAL = "local";
    public static final String REMOTE = "remote";

    @Inject
    Config config;

    private boolean enabled;
    private Path adminTokenFile;
    private Duration iatTolerance;
    private Duration apiKeyCacheTtl;
    private Optional<String> spc;
    private String credentialSource;
    private String credentialTokenRole;
    private Optional<Initial> initialCredential;
    private Optional<Path> notifySecretFile;
    private Duration notifyTolerance;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static AsSettings from(SettingReader settings) {
        AsSettings result = new AsSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.AS.enabledSetting(), true);
        adminTokenFile = settings.path("shakenpki.as.admin-token-file", null);
        iatTolerance = settings.duration("shakenpki.as.iat-tolerance", "PT5S");
        apiKeyCacheTtl = settings.duration("shakenpki.as.api-key-cache-ttl", "PT10S");
        spc = settings.optional("shakenpki.as.spc").filter(value -> !value.isBlank());
        credentialSource = settings.choice("shakenpki.as.credentials", LOCAL, Map.of(LOCAL, LOCAL, REMOTE, REMOTE));
        credentialTokenRole = settings.text("shakenpki.as.credentials.token-role", "as");
        Optional<String> alias = settings.optional("shakenpki.as.credentials.key-alias").filter(a -> !a.isBlank());
        Optional<String> x5u = settings.optional("shakenpki.as.credentials.x5u").filter(u -> !u.isBlank());
        if (alias.isPresent() != x5u.isPresent()) {
            throw SettingReader.invalid("shakenpki.as.credentials.key-alias", alias.orElse(""),
                    "set together with shakenpki.as.credentials.x5u, or neither");
        }
        initialCredential = alias.map(a -> new Initial(a, x5u.get()));
        notifySecretFile = settings.optionalPath("shakenpki.as.credentials.notify-secret-file");
        notifyTolerance = settings.positiveDuration("shakenpki.as.credentials.notify-tolerance", "PT5M");
    }

    @Override
    public Role role() {
        return Role.AS;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /**
     * The STI-AS signs with the SP-KMS's keys: on the {@code kms} token of this deployment's SP-KMS, or on the
     * token of {@code shakenpki.as.credentials.token-role} for a remote one.
     */
    @Override
    public Set<String> tokens() {
        return Set.of(REMOTE.equals(credentialSource) ? credentialTokenRole : "kms");
    }

    /** The file holding the STI-AS administrator's bearer token ({@link AsAdmin}). */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    public Duration iatTolerance() {
        return iatTolerance;
    }

    /** How long a node trusts what it read about an API key (a revocation reaches the other nodes within this). */
    public Duration apiKeyCacheTtl() {
        return apiKeyCacheTtl;
    }

    /** The SPC whose credential signs when a request and its key name none; empty: the one usable credential. */
    public Optional<String> spc() {
        return spc;
    }

    /** {@link #LOCAL} or {@link #REMOTE}. */
    public String credentialSource() {
        return credentialSource;
    }

    /** The key store role whose token holds a remote SP-KMS's keys. */
    public String credentialTokenRole() {
        return credentialTokenRole;
    }

    /** The key and x5u signed with until a remote SP-KMS's first notification, when configured. */
    public Optional<Initial> initialCredential() {
        return initialCredential;
    }

    /** A configured key alias and the x5u of its certificate chain. */
    public record Initial(String keyAlias, String x5u) {
    }

    /** The shared secret of a remote SP-KMS's notifications, read from its file at each use (it may be rotated). */
    public Optional<String> notifySecret() {
        return notifySecretFile.map(file -> {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalStateException("shakenpki.as.credentials.notify-secret-file=" + file + " cannot be read: " + e);
            }
        }).filter(secret -> !secret.isEmpty());
    }

    /** How far a notification's signing time may be from this node's clock. */
    public Duration notifyTolerance() {
        return notifyTolerance;
    }
}
