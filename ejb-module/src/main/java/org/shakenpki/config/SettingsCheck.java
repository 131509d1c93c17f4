package org.shakenpki.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Checks every role's settings when the application starts, before anything uses them: the start-up beans that
 * read settings depend on this one. A wrong value stops the deployment with one log line naming the setting,
 * the value and what is allowed ({@link InvalidSetting}), instead of a failure on first use.
 */
@Singleton
@Startup
public class SettingsCheck {
    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @Inject
    @Any
    Instance<RoleSettings> settings;

    @Inject
    Roles roles;

    @PostConstruct
    void check() {
        checkAll(settings);
        List<String> enabled = roles.enabled().stream().map(Role::title).toList();
        LOG.info(() -> "settings checked; roles enabled here: " + (enabled.isEmpty() ? "none" : String.join(", ", enabled)));
    }

    /**
     * Creates (and so checks) each settings bean.
     *
     * @return the roles checked
     * @throws InvalidSetting for the first wrong value, its message the one line that is logged
     */
    static List<Role> checkAll(Iterable<RoleSettings> all) {
        List<Role> roles = new ArrayList<>();
        for (RoleSettings one : all) {
            try {
                roles.add(one.role());
            } catch (RuntimeException e) {
                InvalidSetting invalid = invalidSetting(e);
                if (invalid == null) {
                    throw e;
                }
                LOG.severe(invalid.getMessage());
                throw invalid;
            }
        }
        roles.sort(null);
        return roles;
    }

    /** The {@link InvalidSetting} behind a failure (the CDI container wraps what a bean's constructor throws). */
    static InvalidSetting invalidSetting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSetting invalid) {
                return invalid;
            }
        }
        return null;
    }
}
