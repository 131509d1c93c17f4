package org.shakenpki.web.pa;

import org.shakenpki.web.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.pa.RevocationRequest;
import org.shakenpki.pa.RevocationService;
import org.shakenpki.web.JsonBuilders;

/**
 * Puts a SHAKEN certificate on the STI-PA CRL: {@code POST /api/v1/revocations} with
 * {@code {"certificate":"<PEM and chain>","reason":"keyCompromise"}} or, for administrators,
 * {@code {"issuer":"<DN>","serialNumber":"<hex>","reason":...}}. The resource only establishes the caller;
 * {@link RevocationService} decides who may revoke what. The answer names the CRL that now lists the
 * certificate.
 */
@Path("/api/v1/revocations")
@RequestScoped
public class RevocationResource {

    @Inject
    Credentials credentials;

    @Inject
    RevocationService revocations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject revoke(@Context HttpHeaders headers, JsonValue body) {
        var caller = credentials.caller(headers);
        JsonObject request = JsonBodies.object(body);
        RevocationService.Result result = revocations.revoke(caller, new RevocationRequest(
                JsonBodies.optionalString(request, "certificate"), JsonBodies.optionalString(request, "issuer"),
                JsonBodies.optionalString(request, "serialNumber"), JsonBodies.optionalString(request, "reason")));
        return JsonBuilders.object()
                .add("status", "success")
                .add("message", result.newlyRevoked() ? "certificate revoked" : "certificate was already revoked")
                .add("issuer", result.issuer())
                .add("serialNumber", result.serialHex())
                .add("crlNumber", result.crlNumber())
                .build();
    }
}
