package org.shakenpki.kms;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.text.ParseException;
import java.util.Map;

/** The explanation a peer gave for a refusal: its problem document's detail (RFC 7807) or message. */
final class PeerProblems {
    private static final int LONGEST = 500;

    private PeerProblems() {
    }

    static String explain(String body) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            for (String member : new String[] {"detail", "message", "title"}) {
                if (json.get(member) instanceof String text && !text.isBlank()) {
                    Object type = json.get("type");
                    return type instanceof String t ? text + " [" + t + "]" : text;
                }
            }
        } catch (ParseException e) {
            // not JSON: quote it
        }
        String text = body.strip();
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "…";
    }
}
