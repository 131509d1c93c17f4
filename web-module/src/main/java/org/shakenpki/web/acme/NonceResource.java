package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.CaSettings;

/**
 * newNonce (RFC 8555 section 7.2): HEAD answers 200, GET 204; the nonce itself is added by {@link AcmeHeaders}
 * as on every ACME response.
 */
@Path("/acme/new-nonce")
@RequestScoped
public class NonceResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @HEAD
    public Response head() {
        AcmeUrls.of(uriInfo, settings);
        return Response.ok().build();
    }

    @GET
    public Response get() {
        AcmeUrls.of(uriInfo, settings);
        return Response.noContent().build();
    }
}
