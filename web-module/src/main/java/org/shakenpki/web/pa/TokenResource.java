package org.shakenpki.web.pa;

import org.shakenpki.web.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.pa.SpcTokenIssuer;
import org.shakenpki.pa.SpcTokenRequest;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBuilders;

/**
 * SPC token acquisition (RFC 9447 section 5.1, RFC 9448 section 5.5, iconectiv STI-PA API):
 * {@code POST /api/v1/account/{accountId}/token} with {@code {"atc":{...}}} (or the four members unwrapped,
 * as the RFC 9448 example shows) answers {@code {"status":"success","message","token","crl"}}.
 * The response is labelled {@code application/jose+json} when the client asks for it, as deployed clients do.
 */
@Path("/api/v1/account/{accountId}/token")
@RequestScoped
public class TokenResource {
    static final String JOSE_JSON = "application/jose+json";

    @Inject
    Credentials credentials;

    @Inject
    SpcTokenIssuer issuer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, JOSE_JSON})
    public JsonObject token(@PathParam("accountId") String accountId, @Context HttpHeaders headers, JsonValue body) {
        var caller = credentials.caller(headers);
        JsonObject request = JsonBodies.object(body);
        JsonValue wrapped = request.get("atc");
        JsonObject atc;
        if (wrapped == null) {
            atc = request;
        } else if (wrapped.getValueType() == JsonValue.ValueType.OBJECT && request.size() == 1) {
            atc = wrapped.asJsonObject();
        } else {
            throw new ProblemException(ProblemType.MALFORMED, "the body is {\"atc\":{...}} or the atc members themselves");
        }
        SpcTokenIssuer.Issued issued = issuer.issue(caller, accountId, new SpcTokenRequest(JsonBodies.plain(atc)));
        return JsonBuilders.object()
                .add("status", "success")
                .add("message", "SPC token for spc: " + issued.spcs() + " is created successfully")
                .add("token", issued.token())
                .add("crl", issued.crlUrl())
                .build();
    }
}
