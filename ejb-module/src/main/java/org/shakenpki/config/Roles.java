package org.shakenpki.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles this deployment runs, as their settings beans say ({@link RoleSettings}); the one place the web
 * tier's endpoint gate, the key store and {@code /health} ask. A role without a settings bean counts as disabled.
 */
@ApplicationScoped
public class Roles {

    @Inject
    @Any
    Instance<RoleSettings> settings;

    private volatile Map<Role, RoleSettings> byRole;

    public boolean enabled(Role role) {
        RoleSettings found = byRole().get(role);
        return found != null && found.enabled();
    }

    /** The enabled roles, in {@link Role} order. */
    public List<Role> enabled() {
        return byRole().values().stream().filter(RoleSettings::enabled).map(RoleSettings::role).sorted().toList();
    }

    /** The key store tokens the enabled roles use, sorted. */
    public Set<String> tokens() {
        Set<String> tokens = new TreeSet<>();
        byRole().values().stream().filter(RoleSettings::enabled).forEach(role -> tokens.addAll(role.tokens()));
        return tokens;
    }

    private Map<Role, RoleSettings> byRole() {
        Map<Role, RoleSettings> current = byRole;
        if (current == null) {
            current = new EnumMap<>(Role.class);
            for (RoleSettings one : settings) {
                current.put(one.role(), one);
            }
            byRole = current;
        }
        return current;
    }
}
