package org.shakenpki.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of wrong value is refused with one line naming the setting, the value and what is allowed. */
class SettingReaderTest {

    private static SettingReader with(String key, String value) {
        return SettingReader.of(Map.of(key, value));
    }

    private static void refused(String expected, org.junit.jupiter.api.function.Executable read) {
        InvalidSetting refusal = assertThrows(InvalidSetting.class, read);
        assertEquals(expected, refusal.getMessage());
        assertFalse(refusal.getMessage().contains("\n"), "one line");
    }

    @Test
    void anUnparsableDurationIsRefused() {
        refused("x.lifetime=24h is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                () -> with("x.lifetime", "24h").positiveDuration("x.lifetime", "PT1H"));
    }

    @Test
    void aNegativeOrZeroDurationIsRefusedWhereItMustBePositive() {
        refused("x.lifetime=-PT1H is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                () -> with("x.lifetime", "-PT1H").positiveDuration("x.lifetime", "PT1H"));
        refused("x.lifetime=PT0S is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                () -> with("x.lifetime", "PT0S").positiveDuration("x.lifetime", "PT1H"));
        refused("x.grace=-PT5S is not allowed: expected a duration of zero or more (ISO-8601, e.g. PT24H or P30D)",
                () -> with("x.grace", "-PT5S").duration("x.grace", "PT1H"));
        assertEquals(Duration.ZERO, with("x.grace", "PT0S").duration("x.grace", "PT1H"));
        assertEquals(Duration.ofDays(30), with("x.grace", "p30d").duration("x.grace", "PT1H"), "either case");
    }

    @Test
    void aNegativeZeroOrNonNumericCountIsRefused() {
        for (String value : new String[] {"-1", "0", "five", "5.0", "99999999999"}) {
            refused("x.max=" + value + " is not allowed: expected a whole number greater than zero",
                    () -> with("x.max", value).positiveInt("x.max", 5));
        }
        assertEquals(7, with("x.max", " 7 ").positiveInt("x.max", 5));
    }

    @Test
    void aBadUrlIsRefused() {
        String allowed = " is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net";
        for (String value : new String[] {"localhost:8443", "ftp://pki.example.net", "https://", "https:///path",
                "https://user:secret@pki.example.net", "https://pki example.net", "/acme/directory"}) {
            refused("x.url=" + value + allowed, () -> with("x.url", value).url("x.url", null));
        }
        assertEquals("https://pki.example.net:8443/acme", with("x.url", "https://pki.example.net:8443/acme/").url("x.url", null),
                "the trailing slash is dropped");
    }

    @Test
    void aMissingValueWithoutDefaultIsRefused() {
        refused("x.url= is not allowed: expected a value (it has no default)",
                () -> SettingReader.of(Map.of()).url("x.url", null));
        refused("x.url= is not allowed: expected a value (it has no default)",
                () -> with("x.url", "   ").url("x.url", null));
    }

    @Test
    void anUnknownChoiceIsRefusedWithTheChoices() {
        refused("x.kind=md5 is not allowed: expected one of jwk-thumbprint, spki",
                () -> with("x.kind", "md5").choice("x.kind", "spki", new java.util.LinkedHashMap<>(Map.of("jwk-thumbprint", 1)) {{
                    put("spki", 2);
                }}));
        assertEquals(2, (int) with("x.kind", "SPKI").choice("x.kind", "jwk-thumbprint", Map.of("spki", 2)));
    }

    @Test
    void aFlagIsTrueOrFalseAndNothingElse() {
        // MicroProfile Config would read "yes please" as false, silently switching a role off
        refused("x.enabled=ture is not allowed: expected true or false", () -> with("x.enabled", "ture").flag("x.enabled", true));
        refused("x.enabled=1 is not allowed: expected true or false", () -> with("x.enabled", "1").flag("x.enabled", true));
        assertFalse(with("x.enabled", "FALSE").flag("x.enabled", true));
        assertTrue(SettingReader.of(Map.of()).flag("x.enabled", true));
    }

    @Test
    void portsAreOneTo65535() {
        String allowed = " is not allowed: expected a comma-separated list of ports from 1 to 65535, e.g. 443,8443";
        for (String value : new String[] {"443,https", "0", "65536", "-443", ",,"}) {
            refused("x.ports=" + value + allowed, () -> with("x.ports", value).ports("x.ports", "443"));
        }
        assertEquals(Set.of(443, 8443), with("x.ports", "443, 8443,").ports("x.ports", "443"));
    }

    @Test
    void aDistinguishedNameMustParse() {
        refused("x.dn=CN=Root,,=x is not allowed: expected a distinguished name (RFC 4514), e.g. CN=Example Root,O=Example,C=US",
                () -> with("x.dn", "CN=Root,,=x").distinguishedName("x.dn", "CN=Default"));
    }

    @Test
    void theValueShownIsOneLineAndBounded() {
        refused("x.lifetime=PT1H PT2H is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                () -> with("x.lifetime", "PT1H\nPT2H").positiveDuration("x.lifetime", "PT1H"));
        String message = assertThrows(InvalidSetting.class,
                () -> with("x.max", "9".repeat(500)).positiveInt("x.max", 1)).getMessage();
        assertTrue(message.startsWith("x.max=" + "9".repeat(120) + "... is not allowed"), message);
    }
}
