package org.shakenpki.web.acme;

import org.shakenpki.ca.AcmeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.AuthorizationService;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.Views;

/** An ACME authorization (RFC 8555 section 7.5) of a TNAuthList identifier with its tkauth-01 challenge. */
@Path("/acme/authz/{id}")
@RequestScoped
public class AuthorizationResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    AuthorizationService authorizations;

    @PathParam("id")
    String id;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorization(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        Views.Authorization authorization = authorizations.authorization(urls.request(body), id);
        Response.ResponseBuilder response = Response.ok(AcmeJson.authorization(authorization, urls));
        if (AcmeStatus.PENDING.is(authorization.status())) {
            response.header("Retry-After", "1");
        }
        return response.build();
    }
}
