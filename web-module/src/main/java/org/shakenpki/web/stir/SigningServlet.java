package org.shakenpki.web.stir;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.ApiKeyAuthentication;
import org.shakenpki.stir.ApiKeyGrant;
import org.shakenpki.stir.SigningService;
import org.shakenpki.web.JsonBuilders;
import org.shakenpki.web.problem.ProblemDocument;

import java.util.List;

/**
 * The STI-AS interface in the ATIS-1000082 style: {@code POST /stir/v1/signing} with
 * {@code Authorization: Bearer <API key>} and
 * {@code {"signingRequest":{"attest","dest":{"tn":[...]},"iat"?,"orig":{"tn"},"origid"?,"spc"?}}} answers
 * {@code {"signingResponse":{"identity":"<PASSporT>;info=<x5u>;alg=ES256;ppt=shaken"}}}.
 *
 * <p>A diverted call (RFC 8946, ATIS-1000085) is a {@code signingRequest} with a {@code div} member:
 * {@code {"signingRequest":{"identity":"<incoming Identity header>"|[...],"div":{"tn"},"dest":{"tn":[...]},
 * "ppt"?:"div"|"div-o","iat"?,"spc"?}}}, answered with
 * {@code {"signingResponse":{"identity":"<div PASSporT>;info=<x5u>;alg=ES256;ppt=div"}}}: {@code div.tn} is the
 * diverting number, {@code dest.tn} the new destination, and {@code orig} is taken from the incoming PASSporT.
 *
 * <p>Rich Call Data (RFC 9795, {@link RcdRequests}): a SHAKEN {@code signingRequest} may add
 * {@code "rcd":{"nam","apn","icn","jcd","jcl"}}, {@code "crn"}, {@code "rcdi":false} (no integrity digests) and
 * {@code "rcdPpt":"rcd"}; with the last, the answer adds {@code "rcdIdentity"}, the {@code ppt: rcd} PASSporT
 * to send as a second Identity header.
 *
 * <p>The API key is authenticated by {@link ApiKeyAuthentication} before the body is read, so an unauthenticated
 * caller learns nothing about the request format and costs no JSON parsing; its 401 carries the Bearer challenge
 * (RFC 6750 section 3). {@link SigningRequests} checks the request's shape (a 400 naming the member) and
 * {@link SigningService} decides what the key may have signed (403), sets {@code iat} and {@code origid}, and
 * signs. {@code spc} is this project's extension: it picks the credential for a key bound to several SPCs.
 *
 * <p>A servlet rather than a JAX-RS resource for speed ({@link JsonPostServlet}).
 */
@WebServlet(urlPatterns = SigningServlet.PATH)
public class SigningServlet extends JsonPostServlet<ApiKeyGrant> {
    public static final String PATH = "/stir/v1/signing";
    private static final long serialVersionUID = 1L;

    @Inject
    transient ApiKeyAuthentication authentication;

    @Inject
    transient SigningService signing;

    public SigningServlet() {
        super(PATH);
    }

    @Override
    protected ApiKeyGrant caller(HttpServletRequest request) {
        return authentication.authenticate(request.getHeader("Authorization"));
    }

    @Override
    protected JsonObject answer(ApiKeyGrant grant, JsonObject body) {
        JsonValue wrapped = body.get("signingRequest");
        if (wrapped == null || wrapped.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(ProblemType.MALFORMED, "signingRequest is required and must be an object");
        }
        JsonObject request = wrapped.asJsonObject();
        if (request.containsKey("div")) {
            if (request.containsKey("rcd") || request.containsKey("crn")) {
                throw new ProblemException(ProblemType.MALFORMED,
                        "signingRequest.rcd is signed into a SHAKEN or rcd PASSporT, not a div PASSporT");
            }
            return JsonBuilders.object().add("signingResponse", JsonBuilders.object()
                    .add("identity", signing.signDiversion(grant, SigningRequests.parseDiversion(request)))).build();
        }
        List<String> identities = signing.signAll(grant, SigningRequests.parse(request));
        var response = JsonBuilders.object().add("identity", identities.get(0));
        if (identities.size() > 1) {
            response.add("rcdIdentity", identities.get(1));
        }
        return JsonBuilders.object().add("signingResponse", response).build();
    }

    /** RFC 9110 section 11.6.1: a 401 names the scheme; with {@code error="invalid_token"} when a key was presented. */
    @Override
    protected void addProblemHeaders(HttpServletRequest request, HttpServletResponse response, ProblemDocument problem) {
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", BearerChallengeFilter.challenge(request.getHeader("Authorization")));
        }
    }
}
