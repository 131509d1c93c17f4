package org.shakenpki.stir;

import java.util.Map;
import java.util.TreeMap;

/**
 * The Rich Call Data claims the STI-AS signs (RFC 9795): {@code rcd}, the {@code rcdi} digests when computed, and
 * {@code crn}. Each is written in RFC 8785 canonical form.
 *
 * @param rcd  the {@code rcd} claim, or null with only a call reason
 * @param rcdi the {@code rcdi} claim keyed by JSON pointer, or null
 * @param crn  the call reason, or null
 */
public record RcdClaims(RichCallData rcd, Map<String, String> rcdi, String crn) {
    public RcdClaims {
        rcdi = rcdi == null ? null : new TreeMap<>(rcdi);
    }
}
