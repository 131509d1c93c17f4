package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.AccountService;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.Views;

/** ACME newAccount (RFC 8555 section 7.3): 201 with the account URL, or 200 for the existing account of the key. */
@Path("/acme/new-account")
@RequestScoped
public class NewAccountResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    AccountService accounts;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response newAccount(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        Views.Created<Views.Account> result = accounts.newAccount(urls.request(body));
        return Response.status(result.created() ? 201 : 200)
                .location(java.net.URI.create(urls.account(result.view().id())))
                .entity(AcmeJson.account(result.view(), urls)).build();
    }
}
