package org.shakenpki.web.stir;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.stir.RcdDraft;
import org.shakenpki.stir.TelephoneNumbers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Rich Call Data members of a {@code signingRequest} (RFC 9795), checked for shape:
 * {@code "rcd":{"nam"?,"apn"?,"icn"?,"jcd"?,"jcl"?}}, {@code "crn"?} (the call reason, section 5.3),
 * {@code "rcdi"?} (false: sign no integrity digests; default true, section 5.2) and {@code "rcdPpt"?}
 * ({@code "shaken"}, the default: the claims go into the SHAKEN PASSporT, section 8; {@code "rcd"}: into a
 * PASSporT of their own, section 6). {@code icn} and {@code jcl} must be https URLs, {@code apn} a telephone
 * number, {@code jcd} a jCard (a JSON array; numbers in it must be integers, docs/interop.md).
 */
final class RcdRequests {
    private static final int MAX_TEXT = 255;
    private static final int MAX_URL = 2048;

    private RcdRequests() {
    }

    /** The RCD of a request, or null when it asks for none. */
    static RcdDraft parse(JsonObject request) {
        JsonValue rcdValue = request.get("rcd");
        String crn = text(request, "crn", MAX_TEXT);
        if (rcdValue == null && crn == null) {
            if (request.containsKey("rcdi") || request.containsKey("rcdPpt")) {
                throw invalid("rcd", "is required with rcdi or rcdPpt");
            }
            return null;
        }
        String nam = null;
        String apn = null;
        String icn = null;
        String jcl = null;
        List<?> jcd = null;
        if (rcdValue != null) {
            if (rcdValue.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid("rcd", "must be an object with nam, apn, icn, jcd or jcl (RFC 9795 section 5.1)");
            }
            JsonObject rcd = rcdValue.asJsonObject();
            for (String key : rcd.keySet()) {
                if (!List.of("nam", "apn", "icn", "jcd", "jcl").contains(key)) {
                    throw invalid("rcd." + key, "is not a Rich Call Data member this STI-AS signs (nam, apn, icn, jcd, jcl)");
                }
            }
            nam = text(rcd, "nam", MAX_TEXT);
            String apnText = text(rcd, "apn", 32);
            apn = apnText == null ? null : number(apnText);
            icn = url(rcd, "icn");
            jcl = url(rcd, "jcl");
            JsonValue card = rcd.get("jcd");
            if (card != null) {
                if (card.getValueType() != JsonValue.ValueType.ARRAY || card.asJsonArray().isEmpty()) {
                    throw invalid("rcd.jcd", "must be a jCard: a non-empty JSON array (RFC 7095)");
                }
                jcd = (List<?>) java(card);
            }
            if (nam == null && apn == null && icn == null && jcd == null && jcl == null) {
                throw invalid("rcd", "must hold at least one of nam, apn, icn, jcd, jcl");
            }
        }
        JsonValue rcdi = request.get("rcdi");
        if (rcdi != null && rcdi != JsonValue.TRUE && rcdi != JsonValue.FALSE) {
            throw invalid("rcdi", "must be true or false");
        }
        String ppt = text(request, "rcdPpt", 16);
        if (ppt != null && !ppt.equals("shaken") && !ppt.equals("rcd")) {
            throw invalid("rcdPpt", "must be \"shaken\" or \"rcd\" (RFC 9795 sections 6 and 8)");
        }
        if ("rcd".equals(ppt) && rcdValue == null) {
            throw invalid("rcd", "is required for a PASSporT of ppt rcd (RFC 9795 section 6)");
        }
        return new RcdDraft(nam, apn, icn, jcd, jcl, crn, rcdi != JsonValue.FALSE, "rcd".equals(ppt));
    }

    /** A JSON value as Java lists, maps, strings, booleans, longs and null. */
    private static Object java(JsonValue value) {
        switch (value.getValueType()) {
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(v -> list.add(java(v)));
                return list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> map.put(k, java(v)));
                return map;
            }
            case STRING -> {
                return ((JsonString) value).getString();
            }
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                if (!number.isIntegral()) {
                    throw invalid("rcd.jcd", "may hold integers only, not " + number);
                }
                try {
                    return number.longValueExact();
                } catch (ArithmeticException e) {
                    throw invalid("rcd.jcd", "holds a number out of range");
                }
            }
            case TRUE -> {
                return Boolean.TRUE;
            }
            case FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    private static String url(JsonObject rcd, String member) {
        String text = text(rcd, member, MAX_URL);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw invalid("rcd." + member, "must be an https URL with a host, no userinfo and no fragment");
    }

    private static String text(JsonObject object, String member, int max) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw invalid(member, "must be a string");
        }
        String text = string.getString();
        if (text.isEmpty() || text.length() > max || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid(member, "must be 1 to " + max + " characters without control characters");
        }
        return text;
    }

    private static String number(String text) {
        try {
            return TelephoneNumbers.canonical(text);
        } catch (IllegalArgumentException e) {
            throw invalid("rcd.apn", "is not a telephone number: " + text);
        }
    }

    private static ProblemException invalid(String field, String why) {
        return new ProblemException(ProblemType.MALFORMED, "signingRequest." + field + " " + why);
    }
}
