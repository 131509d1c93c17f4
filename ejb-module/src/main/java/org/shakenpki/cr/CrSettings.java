package org.shakenpki.cr;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Role;
import org.shakenpki.config.RoleSettings;
import org.shakenpki.config.SettingReader;

/**
 * The STI-CR configuration: only whether it runs here ({@code shakenpki.cr.enabled}). The STI-CR publishes the
 * certificate chains the STI-CA issues at the URLs named by PASSporT {@code x5u} (ATIS-1000080 section 6.3.6,
 * RFC 8224 section 5.2), so it is normally enabled where the STI-CA is.
 */
@ApplicationScoped
public class CrSettings implements RoleSettings {

    @Inject
    Config config;

    private boolean enabled;

    @PostConstruct
    void read() {
        read(SettingReader.of(config));
    }

    /** Settings from fixed values (tests). */
    public static CrSettings from(SettingReader settings) {
        CrSettings result = new CrSettings();
        result.read(settings);
        return result;
    }

    private void read(SettingReader settings) {
        enabled = settings.flag(Role.CR.enabledSetting(), true);
    }

    @Override
    public Role role() {
        return Role.CR;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }
}
