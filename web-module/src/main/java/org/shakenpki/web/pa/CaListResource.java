package org.shakenpki.web.pa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.pa.TrustListService;
import org.shakenpki.web.JsonBuilders;

/**
 * The STI-CA trust list as the deployed STI-PA serves it: {@code GET /api/v1/ca-list} answers
 * {@code {"status":"success","message","caList":<JWT>}} to any logged-in user.
 */
@Path("/api/v1/ca-list")
@RequestScoped
public class CaListResource {

    @Inject
    Credentials credentials;

    @Inject
    TrustListService trustList;

    @GET
    @Produces({MediaType.APPLICATION_JSON, TokenResource.JOSE_JSON})
    public JsonObject caList(@Context HttpHeaders headers) {
        var caller = credentials.caller(headers);
        return JsonBuilders.object()
                .add("status", "success")
                .add("message", "STI-CA trustList request is successful")
                .add("caList", trustList.caList(caller))
                .build();
    }
}
