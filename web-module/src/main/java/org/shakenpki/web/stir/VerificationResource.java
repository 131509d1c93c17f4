package org.shakenpki.web.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.stir.VerificationRequest;
import org.shakenpki.stir.VerificationResult;
import org.shakenpki.stir.VerificationService;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

/**
 * The STI-VS interface in the ATIS-1000082 style: {@code POST /stir/v1/verification}
 * {@code {"verificationRequest":{"from":{"tn"},"to":{"tn":[...]},"time","identity"}}} answers
 * {@code {"verificationResponse":{"verstat","reason","sipResponseCode","sipReasonPhrase","failure",...}}}.
 *
 * <p>A diverted call (RFC 8946, ATIS-1000085: a {@code div} or {@code div-o} Identity header among
 * {@code identity}) is answered with the overall result in the same members, and {@code identities}: one object
 * per Identity header in the request's order, with its {@code ppt}, {@code verstat}, {@code reason},
 * {@code failure}, {@code sipResponseCode} and what is known of it. Other requests have no {@code identities}.
 *
 * <p>A call with Rich Call Data (RFC 9795: {@code rcd} claims in the SHAKEN PASSporT, or an Identity header of
 * {@code ppt} {@code rcd}) is answered with an {@code rcd} member ({@link RcdJson}) beside the verstat, which the
 * RCD never changes; a violated JWT Claim Constraint is a failed PASSporT (438).
 *
 * <p>A PASSporT that fails verification is a 200 with {@code TN-Validation-Failed}: the verification was done
 * and that is its result. A request without {@code identity} is a call without an Identity header: a 200 with
 * {@code No-TN-Validation} and 428. Only a request that cannot be read (not JSON, a member missing or of the
 * wrong type, a number that is not a telephone number) is a 400 problem naming the member.
 *
 * <p>Application-scoped: it holds no request state, and a request-scoped resource made Weld build the bean and
 * resolve its EJB reference on every call.
 */
@Path("/stir/v1/verification")
@ApplicationScoped
public class VerificationResource {

    @Inject
    VerificationService verifier;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject verify(JsonValue body) {
        VerificationRequest request = VerificationRequests.parse(JsonBodies.object(body));
        return JsonBuilders.object().add("verificationResponse", render(verifier.verify(request))).build();
    }

    private static JsonObjectBuilder render(VerificationResult result) {
        JsonObjectBuilder response = JsonBuilders.object()
                .add("verstat", result.verstat().value())
                .add("reason", result.reason());
        if (result.failure() != null) {
            response.add("failure", result.failure().code());
            if (result.failure().sipCode() != 0) {
                response.add("sipResponseCode", result.failure().sipCode())
                        .add("sipReasonPhrase", result.failure().sipReasonPhrase());
            }
        }
        addIfKnown(response, "attest", result.attest());
        addIfKnown(response, "origid", result.origid());
        addIfKnown(response, "spc", result.spc());
        addIfKnown(response, "x5u", result.x5u());
        addIfKnown(response, "ppt", result.ppt());
        if (result.rcd() != null) {
            response.add("rcd", RcdJson.render(result.rcd()));
        }
        if (!result.identities().isEmpty()) {
            JsonArrayBuilder identities = JsonBuilders.array();
            for (VerificationResult each : result.identities()) {
                identities.add(render(each));
            }
            response.add("identities", identities);
        }
        return response;
    }

    private static void addIfKnown(JsonObjectBuilder builder, String name, String value) {
        if (value != null) {
            builder.add(name, value);
        }
    }
}
