package org.shakenpki.config;

import java.util.Locale;

/**
 * The roles of the STIR/SHAKEN ecosystem that one deployment of shaken-pki may run (ATIS-1000080 section 5:
 * STI-PA, STI-CA with its STI-CR; ATIS-1000074 section 5: the service provider's SP-KMS, STI-AS and STI-VS).
 * Each is switched on or off by {@code shakenpki.<key>.enabled}, which that role's settings bean reads.
 */
public enum Role {
    PA("STI-PA"),
    CA("STI-CA"),
    CR("STI-CR"),
    KMS("SP-KMS"),
    AS("STI-AS"),
    VS("STI-VS");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    /** The key of the role in setting names: {@code pa}, {@code ca}, {@code cr}, {@code kms}, {@code as}, {@code vs}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The setting that switches the role on or off. */
    public String enabledSetting() {
        return "shakenpki." + key() + ".enabled";
    }

    /** The name standards give the role, e.g. {@code STI-PA}. */
    public String title() {
        return title;
    }
}
