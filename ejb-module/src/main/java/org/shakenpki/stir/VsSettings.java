package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.shakenpki.stipa.StiPaSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The STI-VS configuration ({@code shakenpki.vs.*}, defaults in META-INF/microprofile-config.properties under
 * "STI-VS"), typed, in one place.
 */
@ApplicationScoped
public class VsSettings {

    @Inject
    @ConfigProperty(name = "shakenpki.vs.iat-freshness", defaultValue = "PT60S")
    Duration iatFreshness;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.allowed-ports", defaultValue = "443,8443")
    String allowedPorts;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.strict-profile", defaultValue = "false")
    boolean strictProfile;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.sti-pa-url")
    String stiPaUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.sti-pa.user-id", defaultValue = "local-sti-vs")
    String stiPaUserId;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.sti-pa.password-file")
    String stiPaPasswordFile;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.sti-pa-trust-anchors")
    String stiPaTrustAnchors;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.crl-url")
    String crlUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.crl-signer-url")
    String crlSignerUrl;

    @Inject
    @ConfigProperty(name = "shakenpki.vs.crl-refresh", defaultValue = "PT1H")
    Duration crlRefresh;

    public VerifierPolicy policy() {
        Set<Integer> ports;
        try {
            ports = Arrays.stream(allowedPorts.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("shakenpki.vs.allowed-ports must be a comma-separated list of ports: " + allowedPorts);
        }
        return new VerifierPolicy(iatFreshness, ports, strictProfile);
    }

    /** The STI-PA API base URL, without a trailing slash. */
    public String stiPaUrl() {
        return stiPaUrl.replaceAll("/+$", "");
    }

    public String stiPaUserId() {
        return stiPaUserId;
    }

    public Path stiPaPasswordFile() {
        return Path.of(stiPaPasswordFile);
    }

    /** The STI-PA API settings the trust list is fetched with ({@code sti-pa-url}, {@code sti-pa.*}). */
    public StiPaSettings stiPa() {
        return new StiPaSettings(stiPaUrl(), stiPaUserId, stiPaPasswordFile());
    }

    public Path stiPaTrustAnchors() {
        return Path.of(stiPaTrustAnchors);
    }

    public URI crlUrl() {
        return URI.create(crlUrl);
    }

    public URI crlSignerUrl() {
        return URI.create(crlSignerUrl);
    }

    /** How long a CRL is used before it is fetched again (never past its nextUpdate). */
    public Duration crlRefresh() {
        return crlRefresh;
    }
}
