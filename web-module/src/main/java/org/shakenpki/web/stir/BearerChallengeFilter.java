package org.shakenpki.web.stir;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Adds the challenge a 401 must carry (RFC 9110 section 11.6.1) to {@link BearerChallenge} resources:
 * {@code WWW-Authenticate: Bearer realm="sti-as"} (RFC 6750 section 3), with {@code error="invalid_token"} when
 * the request did present credentials (section 3.1). {@link SigningServlet} sends the same.
 */
@Provider
@BearerChallenge
public class BearerChallengeFilter implements ContainerResponseFilter {
    static final String REALM = "Bearer realm=\"sti-as\"";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401 && !response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE,
                    challenge(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
    }

    /** The challenge for a request that presented {@code authorization} (or none). */
    static String challenge(String authorization) {
        return authorization == null ? REALM : REALM + ", error=\"invalid_token\"";
    }
}
