package org.shakenpki.web.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.ApiKeyGrant;
import org.shakenpki.stir.Attestation;
import org.shakenpki.stir.DiversionDraft;
import org.shakenpki.stir.SigningDraft;
import org.shakenpki.stir.SigningService;
import org.shakenpki.stir.TelephoneNumbers;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

import java.util.ArrayList;
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
 * <p>{@link ApiKeyFilter} has authenticated the key before the body is read (401 otherwise); this resource
 * checks the request's shape (a 400 naming the member), canonicalises the numbers and hands the request to
 * {@link SigningService}, which decides what the key may have signed (403), sets {@code iat} and {@code origid},
 * and signs. {@code spc} is this project's extension: it picks the credential for a key bound to several SPCs.
 *
 * <p>Application-scoped: it holds no request state, and as a request-scoped bean Weld created it and resolved
 * its EJB reference (a JNDI lookup) on every call.
 */
@Path("/stir/v1/signing")
@ApplicationScoped
@BearerChallenge
public class SigningResource {

    @Inject
    SigningService signing;

    @POST
    @ApiKeyRequired
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject sign(@Context HttpServletRequest http, JsonValue body) {
        ApiKeyGrant grant = (ApiKeyGrant) http.getAttribute(ApiKeyFilter.GRANT);
        if (grant == null) {
            throw new IllegalStateException("the API key filter did not run");
        }
        JsonValue wrapped = JsonBodies.object(body).get("signingRequest");
        if (wrapped == null || wrapped.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(ProblemType.MALFORMED, "signingRequest is required and must be an object");
        }
        JsonObject request = wrapped.asJsonObject();
        if (request.containsKey("div")) {
            if (request.containsKey("rcd") || request.containsKey("crn")) {
                throw invalid("rcd", "is signed into a SHAKEN or rcd PASSporT, not a div PASSporT");
            }
            return JsonBuilders.object().add("signingResponse", JsonBuilders.object()
                    .add("identity", signing.signDiversion(grant, parseDiversion(request)))).build();
        }
        List<String> identities = signing.signAll(grant, parse(request));
        var response = JsonBuilders.object().add("identity", identities.get(0));
        if (identities.size() > 1) {
            response.add("rcdIdentity", identities.get(1));
        }
        return JsonBuilders.object().add("signingResponse", response).build();
    }

    static SigningDraft parse(JsonObject request) {
        Attestation attest;
        try {
            attest = Attestation.of(JsonBodies.optionalString(request, "attest"));
        } catch (IllegalArgumentException | ProblemException e) {
            throw invalid("attest", "must be \"A\", \"B\" or \"C\"");
        }
        List<String> dest = destinations(request);
        String orig = number("orig.tn", member(request, "orig").get("tn"));
        return new SigningDraft(attest, dest, orig, iat(request), text(request, "origid"), text(request, "spc"),
                RcdRequests.parse(request));
    }

    static DiversionDraft parseDiversion(JsonObject request) {
        String div = number("div.tn", member(request, "div").get("tn"));
        String ppt = text(request, "ppt");
        if (ppt != null && !ppt.equals("div") && !ppt.equals("div-o")) {
            throw invalid("ppt", "must be \"div\" or \"div-o\" (RFC 8946 sections 3 and 8)");
        }
        if (request.containsKey("attest") || request.containsKey("origid") || request.containsKey("orig")) {
            throw invalid("div", "is a diversion: attest, origid and orig belong to the SHAKEN PASSporT it follows"
                    + " (RFC 8946 section 3)");
        }
        return new DiversionDraft(identities(request.get("identity")), div, destinations(request), "div-o".equals(ppt),
                iat(request), text(request, "spc"));
    }

    private static List<String> identities(JsonValue value) {
        List<String> values = new ArrayList<>();
        if (value instanceof JsonString text) {
            values.add(text.getString());
        } else if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY && !value.asJsonArray().isEmpty()) {
            for (JsonValue element : value.asJsonArray()) {
                if (!(element instanceof JsonString text)) {
                    throw invalid("identity", "must hold Identity header values as strings");
                }
                values.add(text.getString());
            }
        } else {
            throw invalid("identity", "is required for a diversion: the Identity header value(s) the call arrived with");
        }
        return values;
    }

    private static List<String> destinations(JsonObject request) {
        List<String> dest = new ArrayList<>();
        JsonValue destTn = member(request, "dest").get("tn");
        if (destTn == null || destTn.getValueType() != JsonValue.ValueType.ARRAY || destTn.asJsonArray().isEmpty()) {
            throw invalid("dest.tn", "must be a non-empty array of telephone numbers");
        }
        for (JsonValue tn : destTn.asJsonArray()) {
            dest.add(number("dest.tn", tn));
        }
        return dest;
    }

    private static Long iat(JsonObject request) {
        JsonValue iatValue = request.get("iat");
        if (iatValue == null || iatValue.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(iatValue instanceof JsonNumber number) || !number.isIntegral()) {
            throw invalid("iat", "must be an integer NumericDate");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw invalid("iat", "is out of range");
        }
    }

    private static String text(JsonObject request, String member) {
        try {
            return JsonBodies.optionalString(request, member);
        } catch (ProblemException e) {
            throw invalid(member, "must be a string");
        }
    }

    private static JsonObject member(JsonObject request, String name) {
        JsonValue value = request.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(name, "is required and must be an object with tn");
        }
        return value.asJsonObject();
    }

    private static String number(String field, JsonValue value) {
        if (!(value instanceof JsonString text)) {
            throw invalid(field, "must be a telephone number string");
        }
        try {
            return TelephoneNumbers.canonical(text.getString());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not a telephone number: " + text.getString());
        }
    }

    private static ProblemException invalid(String field, String why) {
        return new ProblemException(ProblemType.MALFORMED, "signingRequest." + field + " " + why);
    }
}
