package org.shakenpki.pa;

import org.shakenpki.pkix.TkAuth;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form checks of an SPC-token request that need no database: malformed input is a 400
 * ({@code malformed}). The authority checks (whose SPCs, may it have CA certificates) are in
 * {@link SpcTokenIssuer} and answer 403 (RFC 9447 section 5.1).
 */
final class SpcTokenRules {
    /** RFC 9448 section 5.4: "SHA256" (section 10: the only hash), a space, 32 colon-separated hex bytes. */
    static final Pattern FINGERPRINT = Pattern.compile("SHA256 [0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}");

    private SpcTokenRules() {
    }

    /** The TNAuthList the request names, after checking every member's presence, type and form. */
    static TNAuthList check(Map<String, Object> atc) {
        for (String member : atc.keySet()) {
            if (!SpcTokenRequest.MEMBERS.contains(member)) {
                throw malformed("unknown atc member '" + member + "'; expected tktype, tkvalue, ca, fingerprint");
            }
        }
        String tktype = string(atc, "tktype");
        // RFC 9448 registers "TNAuthList"; the RFC 9447 section 4 example spells it "TnAuthList".
        if (!TkAuth.TNAUTHLIST.equalsIgnoreCase(tktype)) {
            throw malformed("tktype must be TNAuthList, not '" + tktype + "'");
        }
        TNAuthList list;
        try {
            list = TNAuthList.fromBase64(string(atc, "tkvalue"));
        } catch (IllegalArgumentException e) {
            throw malformed("tkvalue is not the base64 of a DER TNAuthList: " + e.getMessage());
        }
        Object ca = atc.get("ca");
        if (ca != null && !(ca instanceof Boolean)) {
            throw malformed("ca must be a JSON boolean");
        }
        String fingerprint = string(atc, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw malformed("fingerprint must be 'SHA256 ' followed by 32 colon-separated hex bytes");
        }
        return list;
    }

    /**
     * What the seed profile ({@link SpcTokenProfile#SEED}) can express, on a request {@link #check} passed: its
     * {@code sub} holds one SPC ("only a single Service Provider Code is required", ATIS-1000080's overview) and
     * it has no {@code ca} claim, so a TNAuthList of one SPC entry and no {@code ca:true}.
     *
     * @return the SPC
     */
    static String checkSeed(TNAuthList list, Map<String, Object> atc) {
        if (list.entries().size() != 1 || list.spcs().size() != 1) {
            throw malformed("the STI-PA issues seed-profile tokens: tkvalue must be a TNAuthList of exactly one SPC");
        }
        if (wantsCa(atc)) {
            throw malformed("the STI-PA issues seed-profile tokens, which cannot authorize a delegate CA (ca:true)");
        }
        return list.spcs().get(0);
    }

    static boolean wantsCa(Map<String, Object> atc) {
        return Boolean.TRUE.equals(atc.get("ca"));
    }

    private static String string(Map<String, Object> atc, String member) {
        Object value = atc.get(member);
        if (!(value instanceof String text) || text.isBlank()) {
            throw malformed("atc." + member + " is required and must be a string");
        }
        return text;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }
}
