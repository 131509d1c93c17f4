package org.shakenpki.stir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the JSON values PASSporTs carry (objects, arrays, strings,
 * booleans, null and integers), as Java values: {@link Map}, {@link List}, {@link String}, {@link Boolean},
 * {@link Number}, null. Used for the {@code jcd} digest of RFC 9795 and for comparing JSON-valued claims with
 * JWT Claim Constraints (docs/interop.md, "Rich Call Data").
 *
 * <p>Object members are sorted by their names as UTF-16 code units (RFC 8785 section 3.2.3, what
 * {@link String#compareTo} does); strings are escaped as RFC 8785 section 3.2.2.2 says (only {@code "}, {@code \}
 * and control characters, the short forms where JSON has them, the six-character escape with lower-case hex otherwise).
 *
 * <p>Numbers: only integers within the IEEE 754 exact range (|n| &lt;= 2^53) are written, as plain decimals, which
 * is what ECMAScript's Number serialization gives them. Other numbers are refused
 * ({@link IllegalArgumentException}): their canonical form is ECMAScript's shortest round-trip form, which JDK 17's
 * {@link Double#toString} does not always produce, and a digest over a different spelling would not match.
 */
final class Jcs {
    private static final long EXACT = 1L << 53;

    private Jcs() {
    }

    /** The canonical JSON text of a value. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else if (value instanceof Number number) {
            out.append(integer(number));
        } else if (value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            for (Object key : map.keySet()) {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("a JSON object member name must be a string");
                }
                names.add(name);
            }
            names.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(names.get(i), out);
                out.append(':');
                write(map.get(names.get(i)), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
        }
    }

    /** RFC 8785 section 3.2.2.2: the ECMAScript JSON.stringify escaping. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String integer(Number number) {
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a JSON number must be finite");
        }
        if (decimal.signum() == 0) {
            return "0"; // -0 too (RFC 8785 section 3.2.2.3)
        }
        try {
            long exact = decimal.longValueExact();
            if (Math.abs(exact) <= EXACT) {
                return Long.toString(exact);
            }
        } catch (ArithmeticException e) {
            // a fraction, or out of range: refused below
        }
        throw new IllegalArgumentException("only integers up to 2^53 are supported in canonical JSON here, not " + number);
    }
}
