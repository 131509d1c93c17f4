package org.shakenpki.pkix;

import java.util.regex.Pattern;

/**
 * The one definition of what an SPC may look like, shared by the STI-PA (which registers SPCs and issues tokens
 * for them), the STI-CA (which takes them in newOrder identifiers) and the certificate profile.
 *
 * <p>ATIS-1000080 section 6.4.1: the end-entity TNAuthList holds one SPC of "only numbers and uppercase
 * letters". RFC 8226 section 9 types the SPC as any IA5String ("SPCs may be OCNs, various SPIDs, or other SP
 * identifiers"), and in the US it is the four-character OCN (e.g. {@code 709J}); the length is therefore bounded
 * by the STI-PA's column, 1 to 32, rather than fixed at four. Spaces, punctuation, control characters and
 * lowercase letters are refused: {@code "12 4;"} and {@code "1234\r\n"} are not SPCs.
 */
public final class SpcSyntax {
    /** Digits and uppercase letters, 1 to 32. */
    public static final Pattern PATTERN = Pattern.compile("[0-9A-Z]{1,32}");
    /** The rule as it goes into a refusal. */
    public static final String RULE = "an SPC is 1-32 digits and uppercase letters (ATIS-1000080 section 6.4.1)";

    private SpcSyntax() {
    }

    public static boolean isValid(String spc) {
        return spc != null && PATTERN.matcher(spc).matches();
    }
}
