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
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.OrderService;
import org.shakenpki.ca.Views;

/** ACME newOrder (RFC 8555 section 7.4) for a TNAuthList identifier (RFC 9448 section 3): 201 with the order URL. */
@Path("/acme/new-order")
@RequestScoped
public class NewOrderResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    OrderService orders;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response newOrder(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        Views.Order order = orders.newOrder(urls.request(body));
        return Response.status(201).location(java.net.URI.create(urls.order(order.id())))
                .entity(AcmeJson.order(order, urls)).build();
    }
}
