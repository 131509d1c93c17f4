package org.shakenpki.stir;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TelephoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "12155550121,12155550121",
        "+1 215 555 0121,12155550121",
        "+1 (215) 555-0121,12155550121",
        "1.215.555.0121,12155550121",
        "tel:+12155550121,12155550121",
        "sip:+12155550121@example.com;user=phone,12155550121",
        "tel:+12155550121;verstat=TN-Validation-Passed,12155550121",
        "( +1 ) 215\t555-0121,12155550121",
        "123456789012345,123456789012345"})
    void canonicalisesToDigitsWithCountryCode(String written, String canonical) {
        assertEquals(canonical, TelephoneNumbers.canonical(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "abc", "1215555012a", "1234567890123456", "sip:alice@example.com", "++12155550121",
        "1+2155550121", "12155550121+", "1215555\u20030121", "1215555_0121", "\uFF11\uFF12"})
    void refusesWhatIsNotANumber(String written) {
        assertThrows(IllegalArgumentException.class, () -> TelephoneNumbers.canonical(written));
    }
}
