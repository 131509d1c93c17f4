package org.shakenpki.stir;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;
import org.shakenpki.stipa.StiPaSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The STI-VS configuration ({@code shakenpki.vs.*}, defaults in META-INF/microprofile-config.properties under
 * "STI-VS"), typed and checked when the bean is created: the verifier policy (RFC 8224 section 6.2.1 iat
 * freshness, the x5u ports of ATIS-1000074), and where the STI-PA trust list and CRL come from (ATIS-1000080
 * sections 6.3.4 and 6.3.3).
 */
@ApplicationScoped
public class VsSettings implements RoleSettings {

    @Inject
    Config config;

    private boolean enabled;
    private VerifierPolicy policy;
    private StiPaSettings stiPa;
    private Path stiPaTrustAnchors;
    private URI crlUrl;
    private URI crlSignerUrl;
    private Duration crlRefresh;
    private Path adminTokenFile;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static VsSettings from(SettingReader settings) {
        VsSettings result = new VsSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.VS.enabledSetting(), true);
        policy = new VerifierPolicy(settings.positiveDuration("shakenpki.vs.iat-freshness", "PT60S"),
                settings.ports("shakenpki.vs.allowed-ports", "443,8443"),
                settings.flag("shakenpki.vs.strict-profile", false));
        stiPa = new StiPaSettings(settings.url("shakenpki.vs.sti-pa-url", null),
                settings.text("shakenpki.vs.sti-pa.user-id", "local-sti-vs"), settings.path("shakenpki.vs.sti-pa.password-file", null));
        stiPaTrustAnchors = settings.path("shakenpki.vs.sti-pa-trust-anchors", null);
        crlUrl = URI.create(settings.url("shakenpki.vs.crl-url", null));
        crlSignerUrl = URI.create(settings.url("shakenpki.vs.crl-signer-url", null));
        crlRefresh = settings.duration("shakenpki.vs.crl-refresh", "PT1H");
        adminTokenFile = settings.path("shakenpki.vs.admin-token-file", null);
    }

    @Override
    public Role role() {
        return Role.VS;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The STI-VS operator's console token ({@link VsAdmin}). */
    public Path adminTokenFile() {
        return adminTokenFile;
    }

    public VerifierPolicy policy() {
        return policy;
    }

    /** The STI-PA API settings the trust list is fetched with ({@code sti-pa-url}, {@code sti-pa.*}). */
    public StiPaSettings stiPa() {
        return stiPa;
    }

    public Path stiPaTrustAnchors() {
        return stiPaTrustAnchors;
    }

    public URI crlUrl() {
        return crlUrl;
    }

    public URI crlSignerUrl() {
        return crlSignerUrl;
    }

    /** How long a CRL is used before it is fetched again (never past its nextUpdate). */
    public Duration crlRefresh() {
        return crlRefresh;
    }
}
