package org.shakenpki.config;

/**
 * A configuration value that cannot be used. Its message is one line naming the setting, the value and what is
 * allowed, e.g. {@code shakenpki.pa.token-lifetime=banana is not allowed: expected a duration greater than zero
 * (ISO-8601, e.g. PT24H)}; {@link SettingsCheck} stops the deployment with it.
 */
public class InvalidSetting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSetting(String setting, String value, String allowed) {
        super(setting + "=" + value + " is not allowed: expected " + allowed);
        this.setting = setting;
    }

    /** The name of the setting, e.g. {@code shakenpki.pa.token-lifetime}. */
    public String setting() {
        return setting;
    }
}
