package org.shakenpki.stir;

import java.util.regex.Pattern;

/**
 * Canonical telephone numbers for PASSporT {@code orig} and {@code dest} (RFC 8224 section 8.3, RFC 8225
 * section 5.2.1): the digits only, with the country code, no '+', no visual separators. Both the STI-AS (what
 * it signs) and the STI-VS (what it compares with From/To) use this one form.
 */
public final class TelephoneNumbers {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]");
    private static final Pattern CANONICAL = Pattern.compile("[0-9]{1,15}");

    private TelephoneNumbers() {
    }

    /**
     * The canonical form of a number written with an optional leading '+', spaces, dots, dashes or parentheses,
     * or a {@code tel:}/{@code sip:} URI's user part.
     *
     * @throws IllegalArgumentException if what is left is not 1-15 digits
     */
    public static String canonical(String number) {
        if (number == null) {
            throw new IllegalArgumentException("telephone number is missing");
        }
        String text = number.strip();
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            text = text.substring(4);
        } else if (text.regionMatches(true, 0, "sip:", 0, 4) || text.regionMatches(true, 0, "sips:", 0, 5)) {
            text = text.substring(text.indexOf(':') + 1);
            int at = text.indexOf('@');
            text = at < 0 ? text : text.substring(0, at);
        }
        int parameters = text.indexOf(';');
        if (parameters >= 0) {
            text = text.substring(0, parameters);
        }
        text = SEPARATORS.matcher(text).replaceAll("");
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        if (!CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a telephone number: " + number);
        }
        return text;
    }
}
