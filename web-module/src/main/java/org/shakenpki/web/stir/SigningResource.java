package org.shakenpki.web.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.PassportSigner;
import org.shakenpki.stir.SigningRequest;
import org.shakenpki.stir.TelephoneNumbers;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The STI-AS interface in the ATIS-1000082 style: {@code POST /stir/v1/signing}
 * {@code {"signingRequest":{"attest","dest":{"tn":[...]},"iat","orig":{"tn"},"origid"}}} answers
 * {@code {"signingResponse":{"identity":"<PASSporT>;info=<x5u>;alg=ES256;ppt=shaken"}}}. {@code iat} defaults
 * to now and {@code origid} to a new UUID; numbers are canonicalised. A bad request is a 400 naming the field.
 *
 * <p>Application-scoped: it holds no request state, and as a request-scoped bean Weld created it and resolved
 * its EJB reference (a JNDI lookup) on every call: 43 of 277 profile samples of the signing requests.
 */
@Path("/stir/v1/signing")
@ApplicationScoped
public class SigningResource {
    private static final Set<String> ATTESTATIONS = Set.of("A", "B", "C");

    @Inject
    PassportSigner signer;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject sign(JsonValue body) {
        JsonValue wrapped = JsonBodies.object(body).get("signingRequest");
        if (wrapped == null || wrapped.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(ProblemType.MALFORMED, "signingRequest is required and must be an object");
        }
        String identity = signer.sign(parse(wrapped.asJsonObject()));
        return JsonBuilders.object()
                .add("signingResponse", JsonBuilders.object().add("identity", identity))
                .build();
    }

    private SigningRequest parse(JsonObject request) {
        String attest = JsonBodies.optionalString(request, "attest");
        if (attest == null || !ATTESTATIONS.contains(attest)) {
            throw invalid("attest", "must be \"A\", \"B\" or \"C\"");
        }
        List<String> dest = new ArrayList<>();
        JsonValue destTn = member(request, "dest").get("tn");
        if (destTn == null || destTn.getValueType() != JsonValue.ValueType.ARRAY || destTn.asJsonArray().isEmpty()) {
            throw invalid("dest.tn", "must be a non-empty array of telephone numbers");
        }
        for (JsonValue tn : destTn.asJsonArray()) {
            dest.add(number("dest.tn", tn));
        }
        String orig = number("orig.tn", member(request, "orig").get("tn"));
        long iat = clock.instant().getEpochSecond();
        JsonValue iatValue = request.get("iat");
        if (iatValue != null && iatValue.getValueType() != JsonValue.ValueType.NULL) {
            if (!(iatValue instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
                throw invalid("iat", "must be a positive integer NumericDate");
            }
            iat = number.longValue();
        }
        String origid = JsonBodies.optionalString(request, "origid");
        if (origid == null) {
            origid = UUID.randomUUID().toString();
        } else {
            try {
                origid = UUID.fromString(origid).toString();
            } catch (IllegalArgumentException e) {
                throw invalid("origid", "must be a UUID (RFC 8588 section 5)");
            }
        }
        return new SigningRequest(attest, List.copyOf(dest), iat, orig, origid);
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
