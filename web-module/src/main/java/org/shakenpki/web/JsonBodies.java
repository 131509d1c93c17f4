package org.shakenpki.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to members of a JSON request body, answering a 400 that names the member on a wrong type. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The request body as an object. Resources take any {@link JsonValue}, so that an array or a string
     * body is this 400 rather than a failed method invocation.
     */
    public static JsonObject object(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(ProblemType.MALFORMED, "the request body must be a JSON object");
        }
        return body.asJsonObject();
    }

    public static String string(JsonObject body, String member) {
        String value = optionalString(body, member);
        if (value == null || value.isBlank()) {
            throw wrongType(member, "a non-empty string");
        }
        return value;
    }

    public static String optionalString(JsonObject body, String member) {
        JsonValue value = body.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw wrongType(member, "a string");
    }

    public static Boolean optionalBoolean(JsonObject body, String member) {
        JsonValue value = body.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw wrongType(member, "true or false");
    }

    public static List<String> optionalStrings(JsonObject body, String member) {
        JsonValue value = body.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw wrongType(member, "an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : value.asJsonArray()) {
            if (!(element instanceof JsonString text)) {
                throw wrongType(member, "an array of strings");
            }
            strings.add(text.getString());
        }
        return strings;
    }

    /** The members of an object as plain Java values, in order: strings, booleans, numbers; anything else as is. */
    public static Map<String, Object> plain(JsonObject object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.forEach((name, value) -> values.put(name, switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            default -> value;
        }));
        return values;
    }

    private static ProblemException wrongType(String member, String expected) {
        return new ProblemException(ProblemType.MALFORMED, member + " must be " + expected);
    }
}
