package org.shakenpki.stir;

/**
 * Canonical telephone numbers for PASSporT {@code orig} and {@code dest} (RFC 8224 section 8.3, RFC 8225
 * section 5.2.1): the digits only, with the country code, no '+', no visual separators. Both the STI-AS (what
 * it signs) and the STI-VS (what it compares with From/To) use this one form.
 */
public final class TelephoneNumbers {

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
        String digits = digitsWithoutSeparators(text);
        if (digits == null) {
            throw new IllegalArgumentException("not a telephone number: " + number);
        }
        return digits;
    }

    /**
     * The digits of {@code text} once a leading '+' and the separators (white space, parentheses, dots, dashes) are
     * dropped, or null unless that leaves 1-15 ASCII digits. A loop rather than two regular expressions: every
     * signing and verification request reads two or more numbers.
     */
    private static String digitsWithoutSeparators(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        boolean plusAllowed = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                plusAllowed = false;
            } else if (c == '+' && plusAllowed) {
                plusAllowed = false;
            } else if (!isSeparator(c)) {
                return null;
            }
        }
        return digits.length() >= 1 && digits.length() <= 15 ? digits.toString() : null;
    }

    /** The visual separators dropped: ASCII white space (the regular expression class {@code \\s}), ( ) . - */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r'
                || c == '(' || c == ')' || c == '.' || c == '-';
    }
}
