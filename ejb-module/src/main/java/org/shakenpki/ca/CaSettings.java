package org.shakenpki.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.shakenpki.stipa.StiPaSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The STI-CA's configuration ({@code shakenpki.ca.*}, defaults in META-INF/microprofile-config.properties
 * under "STI-CA"), typed, in one place.
 */
@ApplicationScoped
public class CaSettings {

    @Inject
    @ConfigProperty(name = "shakenpki.ca.subject-c", defaultValue = "US")
    String subjectC;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.subject-o", defaultValue = "shaken-pki STI Participant")
    String subjectO;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.organization", defaultValue = "shaken-pki STI-CA")
    String organization;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.validity-days", defaultValue = "365")
    int validityDays;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.key-must-differ-from-account", defaultValue = "true")
    boolean keyMustDifferFromAccount;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.allow-http", defaultValue = "false")
    boolean allowHttp;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.terms-of-service")
    Optional<String> termsOfService;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.crl-url")
    String crlUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.sti-pa.crl-issuer-dn", defaultValue = "CN=STI-PA CRL,O=shaken-pki STI-PA,C=US")
    String crlIssuerDn;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa-trust-anchors")
    String stiPaTrustAnchors;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa-url")
    String stiPaUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa.user-id", defaultValue = "local-sti-ca")
    String stiPaUserId;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa.password-file")
    String stiPaPasswordFile;

    @Inject
    @ConfigProperty(name = "shakenpki.public-url")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa-x5u-prefixes")
    Optional<String> x5uPrefixes;

    @Inject
    @ConfigProperty(name = "shakenpki.ca.sti-pa-token-signer-fingerprints")
    Optional<String> tokenSignerFingerprints;

    /**
     * SHA-256 fingerprints (hex, colons optional) of the STI-PA certificates allowed to sign SPC tokens; empty:
     * any certificate that the trust kernel accepts as an SPC-token signer under the STI-PA trust anchors.
     */
    public java.util.Set<String> tokenSignerFingerprints() {
        return tokenSignerFingerprints.map(text -> java.util.Arrays.stream(text.split(","))
                .map(f -> f.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT))
                .filter(f -> !f.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet())).orElse(java.util.Set.of());
    }

    /** The URL prefixes an SPC token's x5u must start with; empty: any https URL. */
    public List<String> x5uPrefixes() {
        return x5uPrefixes.map(text -> java.util.Arrays.stream(text.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
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

    public boolean keyMustDifferFromAccount() {
        return keyMustDifferFromAccount;
    }

    /** Whether ACME may be used over plain HTTP (RFC 8555 section 6.1 requires HTTPS). */
    public boolean allowHttp() {
        return allowHttp;
    }

    public Optional<String> termsOfService() {
        return termsOfService.filter(s -> !s.isBlank());
    }

    public String crlUrl() {
        return crlUrl;
    }

    public String crlIssuerDn() {
        return crlIssuerDn;
    }

    public Path stiPaTrustAnchors() {
        return Path.of(stiPaTrustAnchors);
    }

    public String stiPaUrl() {
        return stiPaUrl.replaceAll("/+$", "");
    }

    public String stiPaUserId() {
        return stiPaUserId;
    }

    public Path stiPaPasswordFile() {
        return Path.of(stiPaPasswordFile);
    }

    /** The STI-PA API settings revocations are reported with ({@code sti-pa-url}, {@code sti-pa.*}). */
    public StiPaSettings stiPa() {
        return new StiPaSettings(stiPaUrl(), stiPaUserId, stiPaPasswordFile());
    }

    /** The external base URL, without a trailing slash. */
    public String publicUrl() {
        return publicUrl.replaceAll("/+$", "");
    }
}
