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
import org.shakenpki.ca.AccountService;
import org.shakenpki.ca.CaSettings;

/** An ACME account (RFC 8555 section 7.3.2, 7.3.6) and its orders list (section 7.1.2.1). */
@Path("/acme/acct/{id}")
@RequestScoped
public class AccountResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    AccountService accounts;

    @PathParam("id")
    String id;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response account(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        return Response.ok(AcmeJson.account(accounts.account(urls.request(body), id), urls)).build();
    }

    @POST
    @Path("orders")
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response orders(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        return Response.ok(AcmeJson.orders(accounts.orders(urls.request(body), id), urls)).build();
    }
}
