package org.shakenpki.ca;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;
import org.shakenpki.stipa.StiPaSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The STI-CA's configuration ({@code shakenpki.ca.*}, defaults in META-INF/microprofile-config.properties
 * under "STI-CA"), typed and checked when the bean is created: the names and lifetime of what it issues
 * (ATIS-1000080 section 6.4), the RFC 8555 options, and how it reaches and trusts the STI-PA.
 */
@ApplicationScoped
public class CaSettings implements RoleSettings {
    private static final String FINGERPRINTS = "shakenpki.ca.sti-pa-token-signer-fingerprints";
    private static final String ISSUER_FINGERPRINTS = "shakenpki.ca.sti-pa-token-signer-issuers";

    @Inject
    Config config;

    private boolean enabled;
    private String subjectC;
    private String subjectO;
    private String organization;
    private int validityDays;
    private java.time.Duration shortLivedValidity;
    private java.time.Duration ariRetryAfter;
    private boolean keyMustDifferFromAccount;
    private boolean allowHttp;
    private Optional<String> termsOfService;
    private String crlUrl;
    private String crlIssuerDn;
    private Path stiPaTrustAnchors;
    private StiPaSettings stiPa;
    private String publicUrl;
    private List<String> x5uPrefixes;
    private Set<String> tokenSignerFingerprints;
    private Set<String> tokenSignerIssuers;
    private boolean acceptSeedTokens;
    private boolean externalAccountRequired;
    private CsrSubject.Mismatch csrSubjectMismatch;
    private Path adminTokenFile;
    private Optional<ImportedCertificates> imported;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static CaSettings from(SettingReader settings) {
        CaSettings result = new CaSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.CA.enabledSetting(), true);
        subjectC = settings.text("shakenpki.ca.subject-c", "US");
        if (!subjectC.matches("[A-Z]{2}")) {
            throw SettingReader.invalid("shakenpki.ca.subject-c", subjectC, "a two-letter ISO 3166 country code in capitals, e.g. US");
        }
        subjectO = settings.text("shakenpki.ca.subject-o", "shaken-pki STI Participant");
        organization = settings.text("shakenpki.ca.organization", "shaken-pki STI-CA");
        validityDays = settings.positiveInt("shakenpki.ca.validity-days", 365);
        shortLivedValidity = settings.positiveDuration("shakenpki.ca.short-lived-validity", "P7D");
        if (shortLivedValidity.compareTo(java.time.Duration.ofDays(validityDays)) >= 0 || shortLivedValidity.toMinutes() < 10) {
            throw SettingReader.invalid("shakenpki.ca.short-lived-validity", shortLivedValidity.toString(),
                    "a duration of at least 10 minutes, shorter than shakenpki.ca.validity-days, e.g. P7D");
        }
        ariRetryAfter = settings.positiveDuration("shakenpki.ca.ari-retry-after", "PT6H");
        if (ariRetryAfter.toSeconds() < 60 || ariRetryAfter.compareTo(java.time.Duration.ofDays(1)) > 0) {
            throw SettingReader.invalid("shakenpki.ca.ari-retry-after", ariRetryAfter.toString(),
                    "a duration from one minute to one day (RFC 9773 section 4.3.2), e.g. PT6H");
        }
        keyMustDifferFromAccount = settings.flag("shakenpki.ca.key-must-differ-from-account", true);
        allowHttp = settings.flag("shakenpki.ca.allow-http", false);
        termsOfService = settings.optionalUrl("shakenpki.ca.terms-of-service");
        crlUrl = settings.url("shakenpki.ca.crl-url", null);
        // the same key as the STI-PA's: the cRLIssuer named in certificates is the STI-PA CRL signer
        crlIssuerDn = settings.distinguishedName("shakenpki.sti-pa.crl-issuer-dn", "CN=STI-PA CRL,O=shaken-pki STI-PA,C=US");
        stiPaTrustAnchors = settings.path("shakenpki.ca.sti-pa-trust-anchors", null);
        stiPa = new StiPaSettings(settings.url("shakenpki.ca.sti-pa-url", null),
                settings.text("shakenpki.ca.sti-pa.user-id", "local-sti-ca"), settings.path("shakenpki.ca.sti-pa.password-file", null));
        publicUrl = settings.url("shakenpki.public-url", null);
        x5uPrefixes = settings.list("shakenpki.ca.sti-pa-x5u-prefixes", "");
        for (String prefix : x5uPrefixes) {
            if (!prefix.startsWith("https://")) {
                throw SettingReader.invalid("shakenpki.ca.sti-pa-x5u-prefixes", prefix, "comma-separated https URL prefixes");
            }
        }
        acceptSeedTokens = settings.flag("shakenpki.ca.accept-seed-tokens", false);
        tokenSignerFingerprints = fingerprints(settings, FINGERPRINTS);
        tokenSignerIssuers = fingerprints(settings, ISSUER_FINGERPRINTS);
        externalAccountRequired = settings.flag("shakenpki.ca.external-account-required", true);
        csrSubjectMismatch = settings.choice("shakenpki.ca.csr-subject-mismatch", "ignore", CsrSubject.Mismatch.NAMES);
        adminTokenFile = settings.path("shakenpki.ca.admin-token-file", null);
        imported = ImportedCertificates.read(settings, HierarchyImport.PREFIX, HierarchyImport.NAMES);
    }

    private static Set<String> fingerprints(SettingReader settings, String name) {
        Set<String> fingerprints = settings.list(name, "").stream()
                .map(f -> f.replace(":", "").toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String fingerprint : fingerprints) {
            if (!fingerprint.matches("[0-9a-f]{64}")) {
                throw SettingReader.invalid(name, fingerprint, "comma-separated SHA-256 fingerprints (64 hex digits, colons optional)");
            }
        }
        return fingerprints;
    }

    @Override
    public Role role() {
        return Role.CA;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The STI-CA's root and intermediate keys and its EAB HMAC keys are on the {@code ca} token. */
    @Override
    public Set<String> tokens() {
        return Set.of("ca");
    }

    /**
     * SHA-256 fingerprints (hex, colons optional) of the STI-PA certificates allowed to sign SPC tokens; empty:
     * any certificate that the trust kernel accepts as an SPC-token signer under the STI-PA trust anchors.
     */
    public Set<String> tokenSignerFingerprints() {
        return tokenSignerFingerprints;
    }

    /**
     * SHA-256 fingerprints of the certificates (the STI-PA root) allowed to issue SPC-token signers: the pin that
     * survives the STI-PA's token-signer rollover ({@link TkAuthValidator.SignerPolicy}); empty: no issuer pin.
     */
    public Set<String> tokenSignerIssuers() {
        return tokenSignerIssuers;
    }

    /**
     * Whether tkauth-01 accepts, besides RFC 9448 {@code atc} tokens, SPC tokens in the shape of ATIS-1000080's
     * overview ({@code sub} array, base64url {@code fingerprint}; see {@link TkAuthValidator}). Off by default.
     */
    public boolean acceptSeedTokens() {
        return acceptSeedTokens;
    }

    /** The URL prefixes an SPC token's x5u must start with; empty: any https URL. */
    public List<String> x5uPrefixes() {
        return x5uPrefixes;
    }

    public String subjectC() {
        return subjectC;
    }

    public String subjectO() {
        return subjectO;
    }

    public String organization() {
        return organization;
    }

    public int validityDays() {
        return validityDays;
    }

    /** The lifetime of the {@code short-lived} ACME profile's certificates ({@link AcmeProfiles}). */
    public java.time.Duration shortLivedValidity() {
        return shortLivedValidity;
    }

    /** The Retry-After of renewalInfo responses (RFC 9773 section 4.3.1): how soon clients look again. */
    public java.time.Duration ariRetryAfter() {
        return ariRetryAfter;
    }

    public boolean keyMustDifferFromAccount() {
        return keyMustDifferFromAccount;
    }

    /** Whether ACME may be used over plain HTTP (RFC 8555 section 6.1 requires HTTPS). */
    public boolean allowHttp() {
        return allowHttp;
    }

    public Optional<String> termsOfService() {
        return termsOfService;
    }

    public String crlUrl() {
        return crlUrl;
    }

    public String crlIssuerDn() {
        return crlIssuerDn;
    }

    public Path stiPaTrustAnchors() {
        return stiPaTrustAnchors;
    }

    /** The STI-PA API settings revocations are reported with ({@code sti-pa-url}, {@code sti-pa.*}). */
    public StiPaSettings stiPa() {
        return stiPa;
    }

    /**
     * Whether newAccount requires an External Account Binding (RFC 8555 section 7.3.4), announced as
     * {@code meta.externalAccountRequired}. Off, a binding that is sent is still verified and binds the account.
     */
    public boolean externalAccountRequired() {
        return externalAccountRequired;
    }

    /**
     * What finalize does with CSR subject attributes that disagree with the verified subject ({@link CsrSubject}):
     * {@code ignore} (default: the certificate carries the verified subject regardless) or {@code badCSR}.
     */
    public CsrSubject.Mismatch csrSubjectMismatch() {
        return csrSubjectMismatch;
    }

    /**
     * The hierarchy of a key ceremony to use instead of generating one ({@code shakenpki.ca.import.*}), checked
     * when the {@code ca} token is opened ({@link HierarchyImport}); empty: the STI-CA generates its own.
     */
    public Optional<ImportedCertificates> imported() {
        return imported;
    }

    /** The file holding the STI-CA administrator's bearer token ({@link CaAdmin}). */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    /** The external base URL, without a trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }
}
