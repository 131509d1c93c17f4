package org.shakenpki.kms;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;
import org.shakenpki.stipa.StiPaSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SP-KMS configuration (MicroProfile Config {@code shakenpki.kms.*}), typed and checked when the bean is
 * created: which STI-PA account and user it obtains SPC tokens with (ATIS-1000080 section 6.3.5), which STI-CA it
 * orders from and how (RFC 8555, RFC 9448; the defaults of {@link IssuanceOptions}), when it renews, how long an
 * old key lives, and where the signing service is told.
 */
@ApplicationScoped
public class KmsSettings implements RoleSettings {
    private static final Map<String, IssuanceOptions.Fingerprint> FINGERPRINTS = new LinkedHashMap<>();
    private static final Set<String> RESPONSE_KEYS = Set.of("tkauth", "atc", "ATC");

    static {
        FINGERPRINTS.put("jwk-thumbprint", IssuanceOptions.Fingerprint.JWK_THUMBPRINT);
        FINGERPRINTS.put("jwk_thumbprint", IssuanceOptions.Fingerprint.JWK_THUMBPRINT);
        FINGERPRINTS.put("spki", IssuanceOptions.Fingerprint.SPKI_SHA256);
        FINGERPRINTS.put("spki-sha256", IssuanceOptions.Fingerprint.SPKI_SHA256);
        FINGERPRINTS.put("spki_sha256", IssuanceOptions.Fingerprint.SPKI_SHA256);
    }

    @Inject
    Config config;

    private boolean enabled;
    private String stiPaUrl;
    private Optional<String> stiPaAccountId;
    private Optional<String> stiPaUserId;
    private Optional<Path> stiPaPasswordFile;
    private IssuanceOptions defaultOptions;
    private Duration renewBeforeMax;
    private Duration keyGrace;
    private Duration orderTimeout;
    private Optional<String> notifyUrl;
    private Optional<Path> notifySecretFile;
    private Optional<String> acmeEabKid;
    private Optional<Path> acmeEabHmacKeyFile;
    private Path adminTokenFile;
    private java.net.URI crlUrl;
    private java.net.URI crlSignerUrl;
    private Path stiPaTrustAnchors;
    private Duration crlCheckInterval;
    private boolean delegateCaEnabled;
    private String delegateCrUrl;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static KmsSettings from(SettingReader settings) {
        KmsSettings result = new KmsSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.KMS.enabledSetting(), true);
        stiPaUrl = settings.url("shakenpki.kms.sti-pa-url", null);
        stiPaAccountId = settings.optional("shakenpki.kms.sti-pa.account-id");
        stiPaUserId = settings.optional("shakenpki.kms.sti-pa.user-id");
        stiPaPasswordFile = settings.optionalPath("shakenpki.kms.sti-pa.password-file");
        String acmeDirectory = settings.url("shakenpki.kms.acme-directory", null);
        String fingerprintName = settings.text("shakenpki.kms.fingerprint", "jwk-thumbprint");
        IssuanceOptions.Fingerprint fingerprint = FINGERPRINTS.get(fingerprintName.toLowerCase(Locale.ROOT));
        if (fingerprint == null) {
            throw SettingReader.invalid("shakenpki.kms.fingerprint", fingerprintName, "jwk-thumbprint or spki");
        }
        String responseKey = settings.text("shakenpki.kms.challenge-response-key", "tkauth");
        if (!RESPONSE_KEYS.contains(responseKey)) {
            throw SettingReader.invalid("shakenpki.kms.challenge-response-key", responseKey, "tkauth, atc or ATC");
        }
        defaultOptions = new IssuanceOptions(acmeDirectory, fingerprint, responseKey);
        renewBeforeMax = settings.positiveDuration("shakenpki.kms.renew-before-max", "P30D");
        keyGrace = settings.duration("shakenpki.kms.key-grace", "PT24H");
        orderTimeout = settings.positiveDuration("shakenpki.kms.order-timeout", "PT2M");
        notifyUrl = settings.optionalUrl("shakenpki.kms.notify-url");
        notifySecretFile = settings.optionalPath("shakenpki.kms.notify-secret-file");
        adminTokenFile = settings.path("shakenpki.kms.admin-token-file", null);
        crlUrl = java.net.URI.create(settings.url("shakenpki.kms.sti-pa-crl-url", stiPaUrl + "/download/v1/crl"));
        crlSignerUrl = java.net.URI.create(settings.url("shakenpki.kms.sti-pa-crl-signer-url",
                stiPaUrl + "/download/v1/certificate/sti-pa-crl-signer.crt"));
        stiPaTrustAnchors = settings.path("shakenpki.kms.sti-pa-trust-anchors", null);
        crlCheckInterval = settings.positiveDuration("shakenpki.kms.crl-check-interval", "PT5M");
        delegateCaEnabled = settings.flag("shakenpki.kms.delegate-ca.enabled", false);
        delegateCrUrl = settings.optionalUrl("shakenpki.kms.delegate-ca.cr-url").map(u -> u.replaceAll("/+$", "")).orElse(null);
        if (delegateCaEnabled && delegateCrUrl == null) {
            throw SettingReader.invalid("shakenpki.kms.delegate-ca.cr-url", "", "the STI-CR base URL delegate chains are served at");
        }
        acmeEabKid = settings.optional("shakenpki.kms.acme-eab-kid").filter(k -> !k.isBlank());
        acmeEabHmacKeyFile = settings.optionalPath("shakenpki.kms.acme-eab-hmac-key-file");
        if (acmeEabKid.isPresent() != acmeEabHmacKeyFile.isPresent()) {
            throw SettingReader.invalid("shakenpki.kms.acme-eab-kid", acmeEabKid.orElse(""),
                    "set together with shakenpki.kms.acme-eab-hmac-key-file, or neither");
        }
    }

    @Override
    public Role role() {
        return Role.KMS;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /**
     * The service provider's signing keys and ACME account keys are on the {@code kms} token; with delegate
     * certificates enabled, the delegate CA keys are on a token of their own ({@code kms-delegate}): a CA key is
     * worth more than a signing key, and replacing PKCS#11 entries on a shared token deletes CA certificates
     * (docs/security.md).
     */
    @Override
    public Set<String> tokens() {
        return delegateCaEnabled ? Set.of(CredentialStore.TOKEN, DelegateStore.TOKEN) : Set.of(CredentialStore.TOKEN);
    }

    /** Whether the SP-KMS may obtain delegate CA certificates and issue under them ({@code delegate-ca.enabled}). */
    public boolean delegateCaEnabled() {
        return delegateCaEnabled;
    }

    /** The STI-CR base URL delegate end-entity chains are served under (without a trailing slash). */
    public String delegateCrUrl() {
        return delegateCrUrl;
    }

    /** The STI-PA API base URL, without a trailing slash. */
    public String stiPaUrl() {
        return stiPaUrl;
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
        String user = stiPaUserId
                .orElseThrow(() -> new IllegalStateException("shakenpki.kms.sti-pa.user-id is not configured"));
        Path file = stiPaPasswordFile
                .orElseThrow(() -> new IllegalStateException("shakenpki.kms.sti-pa.password-file is not configured"));
        return new StiPaSettings(stiPaUrl, user, file);
    }

    public IssuanceOptions defaultOptions() {
        return defaultOptions;
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
        return notifyUrl;
    }

    /** The shared secret webhook notifications are signed with, if configured (read from its file now). */
    public Optional<String> notifySecret() {
        return notifySecretFile.map(file -> {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read shakenpki.kms.notify-secret-file " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The External Account Binding (RFC 8555 section 7.3.4) the SP-KMS sends with newAccount, if configured: the
     * key identifier and the base64url HMAC key, read from its file now.
     */
    public Optional<AcmeEab> acmeEab() {
        return acmeEabKid.map(kid -> {
            Path file = acmeEabHmacKeyFile.orElseThrow();
            try {
                return new AcmeEab(kid, Files.readString(file).strip());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read shakenpki.kms.acme-eab-hmac-key-file " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * EAB credentials the STI-CA issued (RFC 8555 section 7.3.4).
     *
     * @param kid     the key identifier
     * @param hmacKey the HMAC key, base64url
     */
    public record AcmeEab(String kid, String hmacKey) {
        @Override
        public String toString() {
            return "AcmeEab[kid=" + kid + "]";
        }
    }

    /** The file holding the SP-KMS administrator's bearer token ({@link KmsAdmin}). */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    /** The STI-PA indirect CRL the SP-KMS watches for its own certificates (ATIS-1000080 section 5.3.3). */
    public java.net.URI crlUrl() {
        return crlUrl;
    }

    /** Where the STI-PA publishes the certificate of its CRL signer. */
    public java.net.URI crlSignerUrl() {
        return crlSignerUrl;
    }

    /** The STI-PA root(s) the CRL signer must chain to (PEM). */
    public Path stiPaTrustAnchors() {
        return stiPaTrustAnchors;
    }

    /** How often a node fetches and checks the CRL (at most once per SP-KMS round). */
    public Duration crlCheckInterval() {
        return crlCheckInterval;
    }

    /**
     * A fingerprint kind as a request names it ({@code jwk-thumbprint} or {@code spki}).
     *
     * @throws IllegalArgumentException for any other name
     */
    static IssuanceOptions.Fingerprint fingerprint(String name) {
        IssuanceOptions.Fingerprint found = FINGERPRINTS.get(name.toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new IllegalArgumentException("fingerprint is jwk-thumbprint or spki, not " + name);
        }
        return found;
    }

    /**
     * A challenge response key as a request names it.
     *
     * @throws IllegalArgumentException unless it is {@code tkauth}, {@code atc} or {@code ATC}
     */
    static String responseKey(String key) {
        if (!RESPONSE_KEYS.contains(key)) {
            throw new IllegalArgumentException("the challenge response key is tkauth, atc or ATC, not " + key);
        }
        return key;
    }
}
