package org.shakenpki.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * Closes the endpoints of the roles this server does not run ({@code shakenpki.<role>.enabled=false}): every
 * resource method of such a role answers 404 with a problem document (RFC 7807) before authentication, so a
 * caller cannot tell a disabled role from one never deployed. The resource-to-role mapping is
 * {@link RoleEndpoints}; resources themselves carry no check.
 */
@Provider
public class RoleGate implements DynamicFeature {
    /** Before authentication: a disabled role asks for no credentials. */
    static final int PRIORITY = Priorities.AUTHENTICATION - 100;

    @Inject
    Roles roles;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RoleEndpoints.roleOf(resource.getResourceClass()).ifPresent(role -> context.register(new Closed(role), PRIORITY));
    }

    private final class Closed implements ContainerRequestFilter {
        private final Role role;

        Closed(Role role) {
            this.role = role;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!roles.enabled(role)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no " + role.title() + " runs on this server");
            }
        }
    }
}
