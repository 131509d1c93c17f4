package org.shakenpki.stir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rcd} claim of a PASSporT (RFC 9795 section 5.1): a JSON object with the caller's display name
 * {@code nam} (5.1.1), an alternate presentation number {@code apn} (5.1.2), the URI of an icon or logo {@code icn}
 * (5.1.3), an inline jCard {@code jcd} (5.1.4, RFC 7095) and the URI of a jCard {@code jcl} (5.1.5). Keys this
 * verifier does not know are kept in {@link #claim()} (5.1.6 lets the object be extended), so that {@code rcdi}
 * pointers and JWT Claim Constraints see the claim as signed.
 *
 * @param claim the whole claim value as signed (or to be signed), keys in no particular order
 */
public record RichCallData(String nam, String apn, String icn, List<?> jcd, String jcl, Map<String, Object> claim) {

    public RichCallData {
        claim = Collections.unmodifiableMap(new LinkedHashMap<>(claim));
    }

    /** An {@code rcd} claim to sign; null members are left out. */
    static RichCallData of(String nam, String apn, String icn, List<?> jcd, String jcl) {
        Map<String, Object> claim = new LinkedHashMap<>();
        put(claim, "nam", nam);
        put(claim, "apn", apn);
        put(claim, "icn", icn);
        put(claim, "jcd", jcd);
        put(claim, "jcl", jcl);
        return new RichCallData(nam, apn, icn, jcd, jcl, claim);
    }

    /**
     * The {@code rcd} claim of a received PASSporT.
     *
     * @throws Rejected 438 Invalid Identity Header when it is not an object or a known key has the wrong type
     */
    static RichCallData read(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("rcd must be a JSON object (RFC 9795 section 5.1)");
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        map.forEach((k, v) -> claim.put(String.valueOf(k), v));
        Object jcd = claim.get("jcd");
        if (jcd != null && !(jcd instanceof List<?>)) {
            throw invalid("rcd.jcd must be a jCard, a JSON array (RFC 9795 section 5.1.4)");
        }
        return new RichCallData(string(claim, "nam"), string(claim, "apn"), string(claim, "icn"), (List<?>) jcd,
                string(claim, "jcl"), claim);
    }

    /** The claim in RFC 8785 canonical form, as the STI-AS writes it into the payload. */
    String json() {
        return Jcs.write(claim);
    }

    /**
     * The URIs whose content {@code rcdi} protects, by their JSON pointer into the claim (RFC 6901): {@code /icn},
     * {@code /jcl}, and every jCard property of value type {@code uri} (RFC 7095 section 3.3: {@code [name, params,
     * type, value]}) inside {@code jcd}, such as a {@code logo} or {@code photo}, as {@code /jcd/1/<index>/3}.
     */
    Map<String, String> links() {
        Map<String, String> links = new LinkedHashMap<>();
        if (icn != null) {
            links.put("/icn", icn);
        }
        if (jcl != null) {
            links.put("/jcl", jcl);
        }
        if (jcd != null && jcd.size() > 1 && jcd.get(1) instanceof List<?> properties) {
            for (int i = 0; i < properties.size(); i++) {
                if (properties.get(i) instanceof List<?> property && property.size() >= 4
                        && "uri".equals(property.get(2)) && property.get(3) instanceof String uri) {
                    links.put("/jcd/1/" + i + "/3", uri);
                }
            }
        }
        return links;
    }

    /**
     * The value a JSON pointer (RFC 6901) names inside the claim.
     *
     * @throws IllegalArgumentException when the pointer is malformed or names nothing
     */
    Object resolve(String pointer) {
        if (pointer.isEmpty()) {
            return claim;
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("the JSON pointer " + pointer + " does not start with /");
        }
        Object current = claim;
        List<String> tokens = new ArrayList<>(List.of(pointer.substring(1).split("/", -1)));
        for (String raw : tokens) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map && map.containsKey(token)) {
                current = map.get(token);
            } else if (current instanceof List<?> list && token.matches("0|[1-9][0-9]{0,5}") && Integer.parseInt(token) < list.size()) {
                current = list.get(Integer.parseInt(token));
            } else {
                throw new IllegalArgumentException("the JSON pointer " + pointer + " names nothing in the rcd claim");
            }
        }
        return current;
    }

    private static String string(Map<String, Object> claim, String key) {
        Object value = claim.get(key);
        if (value != null && !(value instanceof String)) {
            throw invalid("rcd." + key + " must be a string (RFC 9795 section 5.1)");
        }
        return (String) value;
    }

    private static void put(Map<String, Object> claim, String key, Object value) {
        if (value != null) {
            claim.put(key, value);
        }
    }

    private static Rejected invalid(String detail) {
        return new Rejected(Failure.INVALID_IDENTITY_HEADER, detail);
    }
}
