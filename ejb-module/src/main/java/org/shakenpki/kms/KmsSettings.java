package org.shakenpki.kms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.stipa.StiPaSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The SP-KMS configuration (MicroProfile Config {@code shakenpki.kms.*}): which STI-PA account and user it
 * obtains SPC tokens with, which STI-CA it orders from and how (the defaults of {@link IssuanceOptions}),
 * when it renews, how long an old key lives, and where the signing service is told.
 */
@ApplicationScoped
public class KmsSettings {

    @Inject
    @ConfigProperty(name = "shakenpki.kms.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.sti-pa-url")
    String stiPaUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.sti-pa.account-id")
    Optional<String> stiPaAccountId;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.sti-pa.user-id")
    Optional<String> stiPaUserId;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.sti-pa.password-file")
    Optional<String> stiPaPasswordFile;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.acme-directory")
    String acmeDirectory;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.fingerprint", defaultValue = "jwk-thumbprint")
    String fingerprint;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.challenge-response-key", defaultValue = "tkauth")
    String responseKey;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.renew-before-max", defaultValue = "P30D")
    Duration renewBeforeMax;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.key-grace", defaultValue = "PT24H")
    Duration keyGrace;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.order-timeout", defaultValue = "PT2M")
    Duration orderTimeout;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.notify-url")
    Optional<String> notifyUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.notify-secret-file")
    Optional<String> notifySecretFile;

    public boolean enabled() {
        return enabled;
    }

    public String stiPaUrl() {
        return stiPaUrl.replaceAll("/+$", "");
    }

    public Optional<String> stiPaAccountId() {
        return stiPaAccountId;
    }

    public Optional<String> stiPaUserId() {
        return stiPaUserId;
    }

    /**
     * The STI-PA API settings SPC tokens are obtained with ({@code sti-pa-url}, {@code sti-pa.user-id},
     * {@code sti-pa.password-file}; the password is read from its file at each login).
     *
     * @throws IllegalStateException when the user or the password file is not configured
     */
    public StiPaSettings stiPa() {
        String user = stiPaUserId.filter(u -> !u.isBlank())
                .orElseThrow(() -> new IllegalStateException("shakenpki.kms.sti-pa.user-id is not configured"));
        String file = stiPaPasswordFile.filter(f -> !f.isBlank())
                .orElseThrow(() -> new IllegalStateException("shakenpki.kms.sti-pa.password-file is not configured"));
        return new StiPaSettings(stiPaUrl(), user, Path.of(file));
    }

    public IssuanceOptions defaultOptions() {
        return new IssuanceOptions(acmeDirectory, fingerprint(fingerprint), responseKey(responseKey));
    }

    /** The longest time before expiry at which renewal starts; a third of the lifetime if that is shorter. */
    public Duration renewBeforeMax() {
        return renewBeforeMax;
    }

    public Duration keyGrace() {
        return keyGrace;
    }

    public Duration orderTimeout() {
        return orderTimeout;
    }

    public Optional<String> notifyUrl() {
        return notifyUrl.filter(url -> !url.isBlank());
    }

    /** The shared secret webhook notifications are signed with, if configured. */
    public Optional<String> notifySecret() {
        return notifySecretFile.filter(f -> !f.isBlank()).map(f -> read(notifySecretFile, "shakenpki.kms.notify-secret-file"));
    }

    static IssuanceOptions.Fingerprint fingerprint(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jwk-thumbprint", "jwk_thumbprint" -> IssuanceOptions.Fingerprint.JWK_THUMBPRINT;
            case "spki", "spki-sha256", "spki_sha256" -> IssuanceOptions.Fingerprint.SPKI_SHA256;
            default -> throw new IllegalArgumentException("fingerprint is jwk-thumbprint or spki, not " + name);
        };
    }

    static String responseKey(String key) {
        if (!key.equals("tkauth") && !key.equals("atc") && !key.equals("ATC")) {
            throw new IllegalArgumentException("the challenge response key is tkauth, atc or ATC, not " + key);
        }
        return key;
    }

    private static String read(Optional<String> file, String key) {
        String path = file.filter(f -> !f.isBlank()).orElseThrow(() -> new IllegalStateException(key + " is not configured"));
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + key + " " + path + ": " + e.getMessage(), e);
        }
    }
}
