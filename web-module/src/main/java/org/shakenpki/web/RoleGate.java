package org.shakenpki.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.Optional;

/**
 * Closes the endpoints of the roles this server does not run ({@code shakenpki.<role>.enabled=false}): every
 * request for such a role answers 404 with a problem document (RFC 7807), whatever its method, media type or
 * credentials, so a caller cannot tell a disabled role from one never deployed. The resource-to-role mapping is
 * {@link RoleEndpoints}; resources themselves carry no check.
 *
 * <p>Two checks with the one mapping: before routing, by the request path (else a wrong method or media type would
 * answer 405 or 415 and show that the endpoint exists), and after routing, by the matched resource class (so a
 * path spelt in a way the first check does not read still cannot reach a disabled role's resource).
 */
@Provider
@PreMatching
public class RoleGate implements ContainerRequestFilter, DynamicFeature {
    /** After routing, before authentication: a disabled role asks for no credentials. */
    static final int PRIORITY = Priorities.AUTHENTICATION - 100;

    @Inject
    Roles roles;

    @Override
    public void filter(ContainerRequestContext request) {
        refuseIfDisabled(RoleEndpoints.roleOfRequest(request.getUriInfo().getPath(true)));
        refuseIfDisabled(RoleEndpoints.roleOfRequest(request.getUriInfo().getPath(false)));
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RoleEndpoints.roleOf(resource.getResourceClass()).ifPresent(role ->
                context.register((ContainerRequestFilter) request -> refuseIfDisabled(Optional.of(role)), PRIORITY));
    }

    private void refuseIfDisabled(Optional<Role> role) {
        if (role.isPresent() && !roles.enabled(role.get())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no " + role.get().title() + " runs on this server");
        }
    }
}
