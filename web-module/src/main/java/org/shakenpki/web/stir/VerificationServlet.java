package org.shakenpki.web.stir;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import org.shakenpki.stir.VerificationResult;
import org.shakenpki.stir.VerificationService;
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
 * <p>It asks for no credentials. A servlet rather than a JAX-RS resource for speed ({@link JsonPostServlet}).
 */
@WebServlet(urlPatterns = VerificationServlet.PATH)
public class VerificationServlet extends JsonPostServlet<Void> {
    public static final String PATH = "/stir/v1/verification";
    private static final long serialVersionUID = 1L;

    @Inject
    transient VerificationService verifier;

    public VerificationServlet() {
        super(PATH);
    }

    @Override
    protected Void caller(HttpServletRequest request) {
        return null;
    }

    @Override
    protected JsonObject answer(Void anyone, JsonObject body) {
        return JsonBuilders.object().add("verificationResponse",
                render(verifier.verify(VerificationRequests.parse(body)))).build();
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
