package org.shakenpki.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;

/**
 * Reports on {@code /health} which roles this server runs ({@code shakenpki.<role>.enabled}): one entry per
 * enabled role, e.g. {@code "pa": "STI-PA"}; disabled roles are not listed. Always up: a server may run any
 * subset, none included.
 */
@Readiness
@ApplicationScoped
public class RolesHealthCheck implements HealthCheck {

    @Inject
    Roles roles;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("roles").up();
        for (Role role : roles.enabled()) {
            response.withData(role.key(), role.title());
        }
        return response.build();
    }
}
