package org.shakenpki.stir;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The STI-AS configuration ({@code shakenpki.as.*}, defaults in META-INF/microprofile-config.properties under
 * "STI-AS"), typed and checked when the bean is created: the administrator's token file, how far a caller's
 * {@code iat} may stray from the STI-AS clock (RFC 8225 section 5.1.1), and how long API-key lookups are cached.
 * The default SPC ({@code shakenpki.as.spc}) is read where the signing credential is chosen.
 */
@ApplicationScoped
public class AsSettings implements RoleSettings {

    @Inject
    Config config;

    private boolean enabled;
    private Path adminTokenFile;
    private Duration iatTolerance;
    private Duration apiKeyCacheTtl;

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
    }

    @Override
    public Role role() {
        return Role.AS;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The STI-AS signs with the SP-KMS's keys, which are on the {@code kms} token. */
    @Override
    public Set<String> tokens() {
        return Set.of("kms");
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
}
