package org.shakenpki.web.kms;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.shakenpki.pkix.JwtClaimConstraints;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jwtClaimConstraints} member of a credential create request: {@code {"mustInclude":[claim...],
 * "permittedValues":{claim:[value...]}, "mustExclude":[claim...]}} (RFC 8226 section 8; {@code mustExclude} makes it
 * the enhanced extension of RFC 9118 section 3, otherwise the RFC 8226 one is requested). A permitted value of a
 * JSON-valued claim such as {@code rcd} is its JSON text, for example {@code "{\"nam\":\"Example Bank\"}"}.
 */
final class ClaimConstraintsJson {
    private ClaimConstraintsJson() {
    }

    /** The constraints, or null when the member is absent. */
    static JwtClaimConstraints parse(JsonObject request) {
        JsonValue value = request.get("jwtClaimConstraints");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("must be an object with mustInclude, permittedValues or mustExclude");
        }
        JsonObject object = value.asJsonObject();
        for (String key : object.keySet()) {
            if (!List.of("mustInclude", "permittedValues", "mustExclude").contains(key)) {
                throw invalid("has an unknown member " + key);
            }
        }
        List<String> mustInclude = names(object.get("mustInclude"), "mustInclude");
        List<String> mustExclude = names(object.get("mustExclude"), "mustExclude");
        Map<String, List<String>> permitted = new LinkedHashMap<>();
        JsonValue values = object.get("permittedValues");
        if (values != null) {
            if (values.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid("permittedValues must be an object of claim names to arrays of strings");
            }
            values.asJsonObject().forEach((claim, list) -> {
                List<String> strings = strings(list, "permittedValues." + claim);
                if (strings.isEmpty()) {
                    throw invalid("permittedValues." + claim + " must list at least one value");
                }
                permitted.put(ia5(claim, "permittedValues"), strings);
            });
        }
        try {
            return new JwtClaimConstraints(!mustExclude.isEmpty(), mustInclude, permitted, mustExclude);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static List<String> names(JsonValue value, String field) {
        List<String> names = new ArrayList<>();
        for (String name : strings(value, field)) {
            names.add(ia5(name, field));
        }
        return names;
    }

    private static List<String> strings(JsonValue value, String field) {
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(field + " must be an array of strings");
        }
        for (JsonValue element : value.asJsonArray()) {
            if (!(element instanceof JsonString text) || text.getString().isEmpty()) {
                throw invalid(field + " must hold non-empty strings");
            }
            strings.add(text.getString());
        }
        return strings;
    }

    private static String ia5(String name, String field) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw invalid(field + " claim names must be printable ASCII (IA5String)");
        }
        return name;
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(ProblemType.MALFORMED, "jwtClaimConstraints " + why);
    }
}
