package org.shakenpki.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
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
        return Json.createObjectBuilder()
                .add("name", "shaken-pki")
                .add("health", uri.getBaseUriBuilder().replacePath("/health").build().toString())
                .build();
    }
}
