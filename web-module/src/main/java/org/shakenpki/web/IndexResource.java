package org.shakenpki.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;

/** The entry point: which roles run on this server, and where the STI-PA's interface lives if it is one of them. */
@Path("/")
@RequestScoped
public class IndexResource {

    @Context
    UriInfo uri;

    @Inject
    Roles roles;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject index() {
        JsonArrayBuilder enabled = JsonBuilders.array();
        roles.enabled().forEach(role -> enabled.add(role.title()));
        JsonObjectBuilder index = JsonBuilders.object()
                .add("name", "shaken-pki")
                .add("roles", enabled)
                .add("health", uri.getBaseUriBuilder().replacePath("/health").build().toString());
        if (roles.enabled(Role.PA)) {
            index.add("stiPa", JsonBuilders.object()
                    .add("login", uri.getBaseUriBuilder().path("api/v1/auth/login").build().toString())
                    .add("caList", uri.getBaseUriBuilder().path("api/v1/ca-list").build().toString())
                    .add("crl", uri.getBaseUriBuilder().path("download/v1/crl").build().toString())
                    .add("root", uri.getBaseUriBuilder().path("download/v1/certificate/sti-pa-root.crt").build().toString())
                    .add("crlSigner", uri.getBaseUriBuilder().path("download/v1/certificate/sti-pa-crl-signer.crt").build().toString()));
        }
        return index.add("openapi", uri.getBaseUriBuilder().replacePath("/openapi").build().toString()).build();
    }
}
