package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.metrics.Metrics;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The STI-AS's signing policy (ATIS-1000074 section 5.3, RFC 8224 section 5, RFC 8588): what an authenticated
 * API key ({@link ApiKeyAuthentication}) may have signed, and the claims the STI-AS sets itself.
 *
 * <ul>
 *   <li><b>Attestation</b>: at most the key's {@code maxAttest} (A &gt; B &gt; C), else 403.</li>
 *   <li><b>Credential</b>: that of the request's {@code spc} when it names one; else of the key's SPC when it
 *       is bound to one; else the STI-AS default ({@code shakenpki.as.spc}, or the one usable credential). The
 *       key must be bound to the SPC of the credential signed with, else 403.</li>
 *   <li><b>iat</b>: the STI-AS's clock when the request has none. A caller's {@code iat} (which may come from
 *       the SIP Date header it must match, RFC 8224 section 4) is kept only within
 *       {@code shakenpki.as.iat-tolerance} (default 5 s) of that clock, else 400: a verifier judges freshness by
 *       {@code iat} (RFC 8224 section 6.2 step 4), so a caller must not be able to post- or pre-date calls.</li>
 *   <li><b>origid</b>: a UUID (RFC 8588 section 5, RFC 4122 text form), else 400; a new random one if absent.</li>
 * </ul>
 * A diversion ({@link #signDiversion}, RFC 8946, ATIS-1000085) is authorised like a SHAKEN signing, by the
 * key's SPCs, with no attestation to check (a {@code div} PASSporT carries none); its {@code iat} follows the same
 * rule, and its {@code orig} is that of the PASSporT it follows ({@link IncomingPassports}).
 *
 * <p>Rich Call Data (RFC 9795) is authorised like the rest of the PASSporT it goes into: the key's attestation and
 * SPC rules apply unchanged. Its {@code rcdi} digests are computed here, fetching each linked resource now through
 * {@link RcdContent} (the {@link org.shakenpki.net.Fetcher}'s limits and address policy): a link that cannot be
 * fetched is 400, since a digest of content that was never seen would be a false statement.
 *
 * <p>Refusals of a valid key are audited ({@link SigningRefusals}); signatures are not (the hot path).
 *
 * <p>A CDI bean, not an EJB, for the same reason as {@link PassportSigner}: nothing here is transactional.
 */
@ApplicationScoped
public class SigningService {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    PassportSigner signer;

    @Inject
    SigningCredentials credentials;

    @Inject
    SigningRefusals refusals;

    @Inject
    Clock clock;

    @Inject
    AsSettings settings;

    @Inject
    RcdContent rcdContent;

    /** Where linked RCD content comes from; tests set it, otherwise {@link RcdContent#fresh}. */
    LinkedContent linkedContent;

    /**
     * Signs what the key may have signed; returns the Identity header value.
     *
     * @throws ProblemException FORBIDDEN beyond the key's grant, MALFORMED for a bad {@code iat} or
     *                          {@code origid}, SERVICE_UNAVAILABLE without a usable credential
     */
    public String sign(ApiKeyGrant grant, SigningDraft draft) {
        return signAll(grant, draft).get(0);
    }

    /**
     * Signs what the key may have signed; returns the Identity header values: the SHAKEN PASSporT, followed by the
     * {@code ppt: rcd} PASSporT when the draft asks for Rich Call Data in a PASSporT of its own (RFC 9795 section 6).
     *
     * @throws ProblemException as {@link #sign}, and MALFORMED for a linked RCD resource that cannot be fetched
     */
    public List<String> signAll(ApiKeyGrant grant, SigningDraft draft) {
        return Metrics.signature("shaken", draft.attest().name(), () -> signChecked(grant, draft));
    }

    private List<String> signChecked(ApiKeyGrant grant, SigningDraft draft) {
        if (!draft.attest().within(grant.maxAttest())) {
            throw forbidden(grant, "the API key may assert attestation " + grant.maxAttest() + " at most, not " + draft.attest());
        }
        SigningCredential current = credential(grant, draft.spc());
        long iat = iat(draft.iat());
        String origid = origid(draft.origid());
        RcdClaims rcd = draft.rcd() == null ? null : rcdClaims(draft.rcd());
        if (rcd == null || !draft.rcd().separate()) {
            return List.of(signer.sign(new SigningRequest(draft.attest().name(), draft.dest(), iat, draft.orig(), origid, rcd),
                    current));
        }
        String shaken = signer.sign(new SigningRequest(draft.attest().name(), draft.dest(), iat, draft.orig(), origid), current);
        return List.of(shaken, signer.signRcd(new RcdSigningRequest(draft.dest(), iat, draft.orig(), rcd), current));
    }

    private RcdClaims rcdClaims(RcdDraft draft) {
        boolean anyRcd = draft.nam() != null || draft.apn() != null || draft.icn() != null || draft.jcd() != null
                || draft.jcl() != null;
        if (!anyRcd) {
            return new RcdClaims(null, null, draft.crn());
        }
        RichCallData rcd = RichCallData.of(draft.nam(), draft.apn(), draft.icn(), draft.jcd(), draft.jcl());
        Map<String, String> rcdi = null;
        if (draft.integrity()) {
            try {
                rcdi = RcdIntegrity.digests(rcd, linkedContent != null ? linkedContent : rcdContent::fresh);
            } catch (RcdIntegrity.Unreachable e) {
                throw new ProblemException(ProblemType.MALFORMED, "signingRequest.rcd" + e.pointer.replace('/', '.')
                        + " cannot be fetched for its rcdi digest (RFC 9795 section 5.2): " + e.getMessage());
            }
        }
        return new RcdClaims(rcd, rcdi, draft.crn());
    }

    /**
     * Signs a {@code div} (or {@code div-o}) PASSporT for a diverted call; returns the Identity header value.
     *
     * @throws ProblemException FORBIDDEN beyond the key's SPCs, MALFORMED for a bad {@code iat}, a diverting number
     *                          no incoming PASSporT was sent to, or a new destination equal to it;
     *                          SERVICE_UNAVAILABLE without a usable credential
     */
    public String signDiversion(ApiKeyGrant grant, DiversionDraft draft) {
        return Metrics.signature("div", "none", () -> signDiversionChecked(grant, draft));
    }

    private String signDiversionChecked(ApiKeyGrant grant, DiversionDraft draft) {
        SigningCredential current = credential(grant, draft.spc());
        if (draft.dest().contains(draft.div())) {
            throw new ProblemException(ProblemType.MALFORMED, "signingRequest.dest.tn must not hold the diverting number "
                    + draft.div());
        }
        IncomingPassports.Previous previous = IncomingPassports.previous(draft.identities(), draft.div());
        long iat = iat(draft.iat());
        return signer.signDiversion(new DivSigningRequest(draft.dest(), draft.div(), iat, previous.orig(),
                draft.withOpt() ? previous.jws() : null), current);
    }

    private SigningCredential credential(ApiKeyGrant grant, String requested) {
        if (requested != null && !grant.spcs().contains(requested)) {
            throw forbidden(grant, "the API key is not bound to SPC " + requested);
        }
        SigningCredential current;
        if (requested != null) {
            current = credentials.current(requested);
        } else if (grant.spcs().size() == 1) {
            current = credentials.current(grant.spcs().iterator().next());
        } else {
            current = credentials.current();
        }
        if (!grant.spcs().contains(current.spc())) {
            throw forbidden(grant, "the STI-AS signs with the credential of SPC " + current.spc()
                    + ", which the API key is not bound to");
        }
        return current;
    }

    private long iat(Long requested) {
        long now = clock.instant().getEpochSecond();
        if (requested == null) {
            return now;
        }
        long skew = Math.abs(requested - now);
        if (requested < 0 || skew > settings.iatTolerance().toSeconds()) {
            throw new ProblemException(ProblemType.MALFORMED, "signingRequest.iat is " + (requested < 0 ? "negative" : skew
                    + " s off the STI-AS clock") + "; at most " + settings.iatTolerance().toSeconds()
                    + " s are accepted: leave iat out and the STI-AS sets it");
        }
        return requested;
    }

    private static String origid(String requested) {
        if (requested == null) {
            return UUID.randomUUID().toString();
        }
        if (!UUID_TEXT.matcher(requested).matches()) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "signingRequest.origid must be a UUID (RFC 8588 section 5), such as 123e4567-e89b-12d3-a456-426655440000");
        }
        return UUID.fromString(requested).toString();
    }

    private ProblemException forbidden(ApiKeyGrant grant, String detail) {
        refusals.forbidden(grant, detail);
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
