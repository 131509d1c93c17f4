package org.shakenpki.web.stir;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.ApiKeyInfo;
import org.shakenpki.stir.ApiKeyAdministration;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

/**
 * The STI-AS administration API for signing API keys, authenticated by the STI-AS admin token (Bearer, written
 * at first start to {@code <data-dir>/as/admin.token}): {@code POST /stir/v1/admin/api-keys}
 * {@code {"name","spcs":[...],"maxAttest":"A"|"B"|"C"}} creates a key and answers 201 with its {@code apiKey}
 * secret, shown this once; {@code GET} lists the keys (never a secret); {@code POST .../{id}/revoke} revokes one.
 * The resource passes the header on; {@link ApiKeyAdministration} authorises, acts and audits.
 */
@Path("/stir/v1/admin/api-keys")
@RequestScoped
@BearerChallenge
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyAdministration keys;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        var created = keys.create(authorization, JsonBodies.optionalString(request, "name"),
                JsonBodies.optionalStrings(request, "spcs"), JsonBodies.optionalString(request, "maxAttest"));
        JsonObject json = render(created.key()).add("apiKey", created.secret()).build();
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.key().id())).build())
                .entity(json).build();
    }

    @GET
    public JsonArray list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        JsonArrayBuilder array = JsonBuilders.array();
        keys.list(authorization).forEach(key -> array.add(render(key)));
        return array.build();
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    public JsonObject revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no STI-AS API key " + id);
        }
        return render(keys.revoke(authorization, number)).build();
    }

    private static JsonObjectBuilder render(ApiKeyInfo key) {
        JsonArrayBuilder spcs = JsonBuilders.array();
        key.spcs().forEach(spcs::add);
        JsonObjectBuilder json = JsonBuilders.object()
                .add("id", key.id())
                .add("name", key.name())
                .add("spcs", spcs)
                .add("maxAttest", key.maxAttest().name())
                .add("createdAt", key.createdAt().toString())
                .add("revoked", key.revoked());
        if (key.revokedAt() != null) {
            json.add("revokedAt", key.revokedAt().toString());
        }
        return json;
    }
}
