package org.shakenpki.stir;

import com.nimbusds.jose.JWSObject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The PASSporT a diverting STI-AS signs a {@code div} PASSporT after (RFC 8946 section 4, ATIS-1000085): among the
 * Identity headers the call arrived with, the last {@code shaken}, {@code div} or {@code div-o} PASSporT whose
 * {@code dest} holds the diverting number. Its {@code orig} is copied into the new PASSporT (the calling number
 * does not change on diversion) and its full form goes into {@code opt} for {@code div-o}.
 *
 * <p>The STI-AS reads these PASSporTs but does not verify them: the diverting provider's STI-VS did when the call
 * arrived, and the terminating STI-VS verifies the whole chain again (docs/interop.md, "Diverted calls").
 */
final class IncomingPassports {
    private static final List<String> TYPES = List.of("shaken", "div", "div-o");

    /** The PASSporT to follow: its full form (compact JWS) and its {@code orig}. */
    record Previous(String jws, String orig) {
    }

    private IncomingPassports() {
    }

    /** @throws ProblemException MALFORMED when no incoming PASSporT was sent to the diverting number */
    static Previous previous(List<String> identities, String div) {
        if (identities.isEmpty()) {
            throw malformed("signingRequest.identity is required for a diversion: the Identity headers the call arrived with");
        }
        Previous found = null;
        for (String identity : identities) {
            Previous candidate = read(identity, div);
            if (candidate != null) {
                found = candidate;
            }
        }
        if (found == null) {
            throw malformed("signingRequest.div.tn " + div + " is not the destination of any incoming PASSporT");
        }
        return found;
    }

    private static Previous read(String identity, String div) {
        IdentityHeader header;
        JWSObject jws;
        try {
            header = IdentityHeader.parse(identity);
            jws = JWSObject.parse(header.jws());
        } catch (ParseException | RuntimeException e) {
            throw malformed("signingRequest.identity holds a value that is not an Identity header with a PASSporT");
        }
        if (!TYPES.contains(String.valueOf(jws.getHeader().getCustomParam("ppt")))) {
            return null; // another extension (RFC 8224 section 6.2): not a link of the chain
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null || !(claims.get("orig") instanceof Map<?, ?> orig) || !(orig.get("tn") instanceof String origTn)
                || !(claims.get("dest") instanceof Map<?, ?> dest) || !(dest.get("tn") instanceof List<?> destTns)) {
            throw malformed("signingRequest.identity holds a PASSporT without orig.tn and dest.tn");
        }
        try {
            for (Object tn : destTns) {
                if (tn instanceof String text && TelephoneNumbers.canonical(text).equals(div)) {
                    return new Previous(header.jws(), TelephoneNumbers.canonical(origTn));
                }
            }
        } catch (IllegalArgumentException e) {
            throw malformed("signingRequest.identity holds a PASSporT whose orig or dest is not a telephone number");
        }
        return null;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED, detail);
    }
}
