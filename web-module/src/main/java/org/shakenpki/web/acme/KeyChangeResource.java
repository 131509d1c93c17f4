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

/** ACME account key rollover (RFC 8555 section 7.3.5). */
@Path("/acme/key-change")
@RequestScoped
public class KeyChangeResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    AccountService accounts;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response keyChange(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        Views.Account account = accounts.keyChange(urls.request(body));
        return Response.ok(AcmeJson.account(account, urls)).location(java.net.URI.create(urls.account(account.id()))).build();
    }
}
