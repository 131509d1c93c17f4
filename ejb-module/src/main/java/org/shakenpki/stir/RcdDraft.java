package org.shakenpki.stir;

import java.util.List;

/**
 * The Rich Call Data a signing request asks for (RFC 9795), its shape checked by the web tier: the {@code rcd}
 * claim's members (section 5.1), the call reason {@code crn} (section 5.3), whether to compute {@code rcdi}
 * integrity digests (section 5.2), and whether the claims go into the SHAKEN PASSporT (section 8 lets other
 * PASSporT types carry them) or into a PASSporT of their own with {@code ppt} {@code rcd} (section 6).
 *
 * @param nam       the display name, or null
 * @param apn       the alternate presentation number, canonical, or null
 * @param icn       the https URL of a logo, or null
 * @param jcd       an inline jCard (RFC 7095), a JSON array as Java lists, maps and strings, or null
 * @param jcl       the https URL of a jCard, or null
 * @param crn       the call reason, or null
 * @param integrity true to sign {@code rcdi} digests of the linked content and of {@code jcd}
 * @param separate  true for a separate {@code ppt: rcd} PASSporT beside a SHAKEN PASSporT without RCD
 */
public record RcdDraft(String nam, String apn, String icn, List<?> jcd, String jcl, String crn, boolean integrity,
                       boolean separate) {
}
