package org.shakenpki.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** The entry point: where each role's interface lives on this server. */
@Path("/")
@RequestScoped
public class IndexResource {

    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject index() {
        return JsonBuilders.object()
                .add("name", "shaken-pki")
                .add("health", uri.getBaseUriBuilder().replacePath("/health").build().toString())
                .add("stiPa", JsonBuilders.object()
                        .add("login", uri.getBaseUriBuilder().path("api/v1/auth/login").build().toString())
                        .add("caList", uri.getBaseUriBuilder().path("api/v1/ca-list").build().toString())
                        .add("crl", uri.getBaseUriBuilder().path("download/v1/crl").build().toString())
                        .add("root", uri.getBaseUriBuilder().path("download/v1/certificate/sti-pa-root.crt").build().toString())
                        .add("crlSigner", uri.getBaseUriBuilder().path("download/v1/certificate/sti-pa-crl-signer.crt").build().toString()))
                .add("openapi", uri.getBaseUriBuilder().replacePath("/openapi").build().toString())
                .build();
    }
}
