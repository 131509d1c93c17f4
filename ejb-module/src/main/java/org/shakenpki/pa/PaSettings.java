package org.shakenpki.pa;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The STI-PA's configuration ({@code shakenpki.pa.*}, defaults in META-INF/microprofile-config.properties under
 * "STI-PA"), typed and checked when the bean is created: the names of its certificates (ATIS-1000080 section
 * 6.3.3), the lifetimes of SPC tokens, API sessions, the trust list and the CRL, and the login throttle.
 */
@ApplicationScoped
public class PaSettings implements RoleSettings {
    @Inject
    Config config;

    private boolean enabled;
    private Path dataDir;
    private String publicUrl;
    private String rootDn;
    private String tokenSignerDn;
    private String crlIssuerDn;
    private Duration tokenLifetime;
    private Optional<String> tokenIssuer;
    private SpcTokenProfile tokenProfile;
    private Duration accessTokenLifetime;
    private Duration refreshTokenLifetime;
    private Duration trustListLifetime;
    private Duration crlValidity;
    private Duration crlReissueBefore;
    private int maxSourceFailures;
    private int maxAccountFailures;
    private Duration failureWindow;
    private Set<String> trustedProxies;
    private Optional<ImportedCertificates> imported;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static PaSettings from(SettingReader settings) {
        PaSettings result = new PaSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.PA.enabledSetting(), true);
        dataDir = settings.path("shakenpki.data-dir", null);
        publicUrl = settings.url("shakenpki.public-url", null);
        rootDn = settings.distinguishedName("shakenpki.pa.root-dn", "CN=shaken-pki STI-PA Root,O=shaken-pki STI-PA,C=US");
        tokenSignerDn = settings.distinguishedName("shakenpki.pa.token-signer-dn",
                "CN=shaken-pki STI-PA SPC Token Signer,O=shaken-pki STI-PA,C=US");
        // the STI-PA CRL signer's DN is what STI-CAs name as cRLIssuer: the STI-CA reads the same key
        crlIssuerDn = settings.distinguishedName("shakenpki.sti-pa.crl-issuer-dn", "CN=STI-PA CRL,O=shaken-pki STI-PA,C=US");
        imported = ImportedCertificates.read(settings, PaImport.PREFIX, PaImport.NAMES);
        tokenLifetime = settings.positiveDuration("shakenpki.pa.token-lifetime", "PT24H");
        tokenIssuer = settings.optional("shakenpki.pa.token-issuer");
        tokenProfile = settings.choice("shakenpki.pa.token-profile", "atc", SpcTokenProfile.NAMES);
        accessTokenLifetime = settings.positiveDuration("shakenpki.pa.access-token-lifetime", "PT1H");
        refreshTokenLifetime = settings.positiveDuration("shakenpki.pa.refresh-token-lifetime", "PT24H");
        trustListLifetime = settings.positiveDuration("shakenpki.pa.trust-list-lifetime", "PT24H");
        crlValidity = settings.positiveDuration("shakenpki.pa.crl-validity", "PT24H");
        crlReissueBefore = settings.positiveDuration("shakenpki.pa.crl-reissue-before", "PT12H");
        if (crlReissueBefore.compareTo(crlValidity) >= 0) {
            // the timer would re-issue the CRL on every run
            throw SettingReader.invalid("shakenpki.pa.crl-reissue-before", settings.text("shakenpki.pa.crl-reissue-before", "PT12H"),
                    "a duration shorter than shakenpki.pa.crl-validity (" + crlValidity + ")");
        }
        maxSourceFailures = settings.positiveInt("shakenpki.pa.login.max-failures", 5);
        maxAccountFailures = settings.positiveInt("shakenpki.pa.login.max-account-failures", 20);
        failureWindow = settings.positiveDuration("shakenpki.pa.login.failure-window", "PT15M");
        trustedProxies = Set.copyOf(settings.list("shakenpki.pa.login.trusted-proxies", ""));
    }

    @Override
    public Role role() {
        return Role.PA;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The STI-PA's keys are on the {@code pa} token. */
    @Override
    public Set<String> tokens() {
        return Set.of(PaKeys.TOKEN);
    }

    /** Where the root and the first-start passwords are written ({@code <data-dir>/sti-pa}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The external base URL, without a trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }

    public String rootDn() {
        return rootDn;
    }

    public String tokenSignerDn() {
        return tokenSignerDn;
    }

    /**
     * The root, SPC-token signer and CRL signer of a key ceremony to use instead of generating them
     * ({@code shakenpki.pa.import.*}), checked when the {@code pa} token is opened ({@link PaImport}); empty: the
     * STI-PA generates its own at first start.
     */
    public Optional<ImportedCertificates> imported() {
        return imported;
    }

    public String crlIssuerDn() {
        return crlIssuerDn;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The {@code iss} claim of SPC tokens, if any. */
    public Optional<String> tokenIssuer() {
        return tokenIssuer;
    }

    /** The claim set of issued SPC tokens: RFC 9448 {@code atc} (default) or the ATIS-1000080 overview's seed shape. */
    public SpcTokenProfile tokenProfile() {
        return tokenProfile;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    public Duration refreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    public Duration trustListLifetime() {
        return trustListLifetime;
    }

    /** How long after thisUpdate a CRL's nextUpdate lies. */
    public Duration crlValidity() {
        return crlValidity;
    }

    /** How long before nextUpdate the timer re-issues the CRL. */
    public Duration crlReissueBefore() {
        return crlReissueBefore;
    }

    /** Failed logins from one source within the window before that source is refused. */
    public int maxSourceFailures() {
        return maxSourceFailures;
    }

    /** Failed logins of one account before it is locked for a while. */
    public int maxAccountFailures() {
        return maxAccountFailures;
    }

    public Duration failureWindow() {
        return failureWindow;
    }

    /** The proxies whose X-Forwarded-For is believed ({@code shakenpki.pa.login.trusted-proxies}). */
    public Set<String> trustedProxies() {
        return trustedProxies;
    }
}
