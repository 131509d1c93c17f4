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
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.OrderService;
import org.shakenpki.ca.Views;

/** An ACME order (RFC 8555 section 7.1.3) and its finalize URL (section 7.4); the order carries the STI-CR chain URL as x5u (RFC 9448 section 7). */
@Path("/acme/order/{id}")
@RequestScoped
public class OrderResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    OrderService orders;

    @PathParam("id")
    String id;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response order(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        return render(orders.order(urls.request(body), id), urls);
    }

    @POST
    @Path("finalize")
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response finalizeOrder(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        return render(orders.finalizeOrder(urls.request(body), id), urls);
    }

    private static Response render(Views.Order order, AcmeUrls urls) {
        Response.ResponseBuilder response = Response.ok(AcmeJson.order(order, urls))
                .location(java.net.URI.create(urls.order(order.id())));
        if (AcmeStatus.PENDING.is(order.status()) || AcmeStatus.PROCESSING.is(order.status())) {
            response.header("Retry-After", "1");
        }
        return response.build();
    }
}
