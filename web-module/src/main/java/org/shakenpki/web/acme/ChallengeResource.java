package org.shakenpki.web.acme;

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

/** A tkauth-01 challenge (RFC 9448 section 4): POST-as-GET reads it, a POST with the token responds to it. */
@Path("/acme/chall/{id}")
@RequestScoped
public class ChallengeResource {

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
    public Response challenge(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        Views.Challenge challenge = authorizations.challenge(urls.request(body), id);
        return Response.ok(AcmeJson.challenge(challenge, urls))
                .header("Link", "<" + urls.authorization(challenge.authorizationId()) + ">;rel=\"up\"").build();
    }
}
