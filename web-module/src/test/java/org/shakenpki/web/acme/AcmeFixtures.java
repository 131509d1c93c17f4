package org.shakenpki.web.acme;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ACME server's responses as JSON fixtures (src/test/resources/acme-json/, one file per response shape, as
 * acme4j keeps its own in src/test/resources/json/), and the one comparison of a response with its fixture.
 *
 * <p>A response matches when it has the fixture's member names (no more, no fewer), the same JSON types, arrays of
 * the same length and the same fixed values. A fixture string may hold placeholders for what varies between runs:
 * {@code ${base}} (the scheme and authority the client used), {@code ${id}}, {@code ${date}} (an RFC 3339 UTC
 * date-time, RFC 8555 section 7.1), {@code ${nonce}} (RFC 8555 section 6.5.1), {@code ${token}} (at least 128 bits of
 * base64url, RFC 8555 section 8.3), {@code ${certid}} (RFC 9773 section 4.1), {@code ${seconds}} (a Retry-After) and {@code ${text}} (any non-empty text, e.g. a problem's detail). A mismatch names
 * its JSON path, for example {@code $.challenges[0].status}.
 *
 * <p>The {@code .headers.json} fixtures list the response headers that matter (the first value of each; of
 * {@code Content-Type} only the media type, without parameters such as {@code charset}), and the status under the
 * pseudo-header {@code :status}.
 */
public final class AcmeFixtures {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");
    private static final Map<String, String> PATTERNS = Map.of(
            "base", "https?://[A-Za-z0-9.-]+(:[0-9]+)?",
            "id", "[A-Za-z0-9_-]+",
            "date", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z",
            "nonce", "[A-Za-z0-9_-]{16,}",
            "token", "[A-Za-z0-9_-]{22,}",
            "certid", "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+",
            "seconds", "[0-9]+",
            "text", "(?s).+");

    private AcmeFixtures() {
    }

    /** The fixture {@code acme-json/<name>.json}. */
    public static JsonObject fixture(String name) {
        String path = "/acme-json/" + name + ".json";
        try (InputStream in = AcmeFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the JSON path of the first difference unless the JSON text matches the fixture. */
    public static void assertMatches(String name, String json) {
        JsonValue actual;
        try {
            actual = Json.createReader(new StringReader(json)).readValue();
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": not JSON: " + json, e);
        }
        String mismatch = mismatch("$", fixture(name), actual);
        if (mismatch != null) {
            throw new AssertionError(name + ".json: " + mismatch + "\n  in " + json);
        }
    }

    /**
     * Fails unless the response's headers match the fixture {@code <name>.headers.json}; {@code header} gives a
     * header's first value, or null.
     */
    public static void assertHeadersMatch(String name, int status, Function<String, String> header) {
        JsonObject expected = fixture(name + ".headers");
        JsonObjectBuilder actual = Json.createObjectBuilder();
        for (String field : expected.keySet()) {
            if (":status".equals(field)) {
                actual.add(field, status);
            } else if (header.apply(field) != null) {
                String value = header.apply(field);
                actual.add(field, "Content-Type".equalsIgnoreCase(field) ? value.split(";")[0].strip() : value);
            }
        }
        String mismatch = mismatch("headers", expected, actual.build());
        if (mismatch != null) {
            throw new AssertionError(name + ".headers.json: " + mismatch);
        }
    }

    /** The first difference between the fixture and the value at {@code path}, or null when they match. */
    static String mismatch(String path, JsonValue expected, JsonValue actual) {
        if (expected.getValueType() == JsonValue.ValueType.STRING && actual.getValueType() == JsonValue.ValueType.STRING) {
            String pattern = ((JsonString) expected).getString();
            String value = ((JsonString) actual).getString();
            return matches(pattern, value) ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (!sameType(expected, actual)) {
            return path + ": expected " + type(expected) + " " + expected + " but was " + type(actual) + " " + actual;
        }
        switch (expected.getValueType()) {
            case OBJECT:
                return objectMismatch(path, expected.asJsonObject(), actual.asJsonObject());
            case ARRAY:
                return arrayMismatch(path, expected.asJsonArray(), actual.asJsonArray());
            case NUMBER:
                return ((JsonNumber) expected).bigDecimalValue().compareTo(((JsonNumber) actual).bigDecimalValue()) == 0
                        ? null : path + ": expected " + expected + " but was " + actual;
            default:
                return null; // true, false, null: the type is the value
        }
    }

    private static String objectMismatch(String path, JsonObject expected, JsonObject actual) {
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        if (!missing.isEmpty()) {
            return path + ": missing member(s) " + missing;
        }
        TreeSet<String> unexpected = new TreeSet<>(actual.keySet());
        unexpected.removeAll(expected.keySet());
        if (!unexpected.isEmpty()) {
            return path + ": unexpected member(s) " + unexpected;
        }
        for (String name : expected.keySet()) {
            String mismatch = mismatch(path + "." + name, expected.get(name), actual.get(name));
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    private static String arrayMismatch(String path, JsonArray expected, JsonArray actual) {
        if (expected.size() != actual.size()) {
            return path + ": expected " + expected.size() + " element(s) but was " + actual.size() + ": " + actual;
        }
        for (int i = 0; i < expected.size(); i++) {
            String mismatch = mismatch(path + "[" + i + "]", expected.get(i), actual.get(i));
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    /** Whether the value matches the fixture string, whose placeholders stand for their patterns. */
    static boolean matches(String fixture, String value) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(fixture);
        int literal = 0;
        while (placeholder.find()) {
            String pattern = PATTERNS.get(placeholder.group(1));
            if (pattern == null) {
                throw new IllegalArgumentException("unknown placeholder " + placeholder.group() + " in " + fixture
                        + "; known: " + new TreeSet<>(PATTERNS.keySet()));
            }
            regex.append(Pattern.quote(fixture.substring(literal, placeholder.start()))).append('(').append(pattern).append(')');
            literal = placeholder.end();
        }
        regex.append(Pattern.quote(fixture.substring(literal)));
        return Pattern.compile(regex.toString()).matcher(value).matches();
    }

    private static boolean sameType(JsonValue expected, JsonValue actual) {
        return type(expected).equals(type(actual));
    }

    private static String type(JsonValue value) {
        JsonValue.ValueType type = value.getValueType();
        return type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE ? "boolean"
                : type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
