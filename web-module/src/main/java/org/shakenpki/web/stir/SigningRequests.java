package org.shakenpki.web.stir;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.Attestation;
import org.shakenpki.stir.DiversionDraft;
import org.shakenpki.stir.SigningDraft;
import org.shakenpki.stir.TelephoneNumbers;
import org.shakenpki.web.JsonBodies;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ATIS-1000082-style {@code signingRequest} ({@link SigningServlet}) into what the STI-AS signs: checks
 * its shape (every refusal a 400 naming the member by its path) and canonicalises the numbers. What the key may
 * sign, {@code iat} and {@code origid} are decided by {@link org.shakenpki.stir.SigningService}, not here.
 */
final class SigningRequests {
    private SigningRequests() {
    }

    /** The request of a SHAKEN PASSporT, with its Rich Call Data ({@link RcdRequests}). */
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

    /** The request of a {@code div} PASSporT (RFC 8946): a {@code signingRequest} with a {@code div} member. */
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
