package org.shakenpki.web.stir;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.shakenpki.stir.ApiKeyAuthentication;
import org.shakenpki.stir.ApiKeyGrant;

/**
 * Authenticates {@link ApiKeyRequired} requests before their body is read: it hands the {@code Authorization}
 * header to {@link ApiKeyAuthentication} (which decides, and refuses with a 401 problem) and leaves the grant in
 * the request's properties for the resource. So an unauthenticated caller learns nothing about the request
 * format, and costs no JSON parsing.
 */
@Provider
@ApiKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    /** The request property (and servlet request attribute) holding the {@link ApiKeyGrant}. */
    public static final String GRANT = ApiKeyGrant.class.getName();

    @Inject
    ApiKeyAuthentication authentication;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(GRANT, authentication.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
}
