package org.shakenpki.stir;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP Identity header field value (RFC 8224 section 4.1):
 * {@code <jws>;info=<https://...>;alg=ES256;ppt=shaken}. The {@code info} parameter is required and is
 * written in angle brackets; {@code alg} and {@code ppt} are optional, and when present must be ES256 and
 * shaken (RFC 8588 section 6). A leading {@code Identity:} header name is tolerated, as SIP traces carry it.
 */
record IdentityHeader(String jws, String info, String alg, String ppt) {

    /**
     * Parses a header value.
     *
     * @throws Rejected 438 Invalid Identity Header when it is malformed
     */
    static IdentityHeader parse(String value) {
        String text = value.strip();
        if (text.regionMatches(true, 0, "Identity:", 0, 9)) {
            text = text.substring(9).strip();
        }
        String[] parts = text.split(";", -1);
        String jws = parts[0].strip();
        if (jws.isEmpty()) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the Identity header carries no PASSporT");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "malformed Identity header parameter '" + parameter + "'");
            }
            String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (parameters.put(name, parameter.substring(equals + 1).strip()) != null) {
                throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "Identity header parameter " + name + " appears twice");
            }
        }
        String info = parameters.get("info");
        if (info == null) {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the Identity header has no info parameter");
        }
        if (info.length() < 3 || info.charAt(0) != '<' || info.charAt(info.length() - 1) != '>') {
            throw new Rejected(Failure.INVALID_IDENTITY_HEADER, "the info parameter must be a URI in angle brackets");
        }
        return new IdentityHeader(jws, info.substring(1, info.length() - 1), unquote(parameters.get("alg")),
                unquote(parameters.get("ppt")));
    }

    private static String unquote(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
