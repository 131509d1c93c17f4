package org.shakenpki.stir;

import java.util.List;
import java.util.Locale;

/**
 * The Rich Call Data an STI-VS verified (RFC 9795): the display name, alternate number and call reason as signed,
 * each linked resource (logo, jCard) with the state of its {@code rcdi} digest, and an overall {@link Status}. A
 * terminating provider shows the caller the RCD only when the status is {@link Status#VERIFIED} (docs/interop.md,
 * "Rich Call Data").
 *
 * @param status the overall state
 * @param reason why, in words
 * @param ppt    the PASSporT the RCD came in: {@code shaken} (claims in the SHAKEN PASSporT) or {@code rcd}
 * @param nam    the display name; null when absent or not read
 * @param apn    the alternate presentation number
 * @param crn    the call reason (RFC 9795 section 5.3)
 * @param links  each URI of the claim with its digest state
 * @param jcd    the digest state of the inline jCard; null without one
 */
public record RcdResult(Status status, String reason, String ppt, String nam, String apn, String crn, List<Link> links,
                        Digest jcd) {

    public RcdResult {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The overall state of the RCD. */
    public enum Status {
        /** Signed, and every linked resource matches its {@code rcdi} digest. */
        VERIFIED,
        /** Signed, but a linked resource has no {@code rcdi} digest, so its content is not protected. */
        UNPROTECTED,
        /** Not to be shown: a digest did not match or could not be checked, or the RCD PASSporT did not verify. */
        FAILED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state of one {@code rcdi} digest. */
    public enum Digest {
        VERIFIED, MISMATCH, UNAVAILABLE, NOT_COVERED;

        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A URI of the claim.
     *
     * @param pointer its JSON pointer in the {@code rcd} claim, such as {@code /icn}
     * @param url     the URI
     * @param digest  its digest state
     */
    public record Link(String pointer, String url, Digest digest) {
    }

    /** The logo ({@code icn}), or null. */
    public Link icn() {
        return links.stream().filter(l -> l.pointer().equals("/icn")).findFirst().orElse(null);
    }

    /** An RCD PASSporT that did not verify. */
    static RcdResult failed(String reason, String ppt) {
        return new RcdResult(Status.FAILED, reason, ppt, null, null, null, List.of(), null);
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
