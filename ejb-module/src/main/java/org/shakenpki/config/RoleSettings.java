package org.shakenpki.config;

import java.util.Set;

/**
 * What every role's settings bean tells the rest of the application: which role it configures, whether that
 * role runs here ({@code shakenpki.<role>.enabled}, read by this bean and nowhere else), and which key store
 * tokens the role uses. The bean reads and checks all of its values when it is created, throwing
 * {@link InvalidSetting} for the first wrong one; {@link SettingsCheck} creates every such bean at start-up.
 */
public interface RoleSettings {

    Role role();

    boolean enabled();

    /** The key store tokens ({@code sks.<token>.*}) this role signs with; only those of enabled roles are opened. */
    default Set<String> tokens() {
        return Set.of();
    }
}
