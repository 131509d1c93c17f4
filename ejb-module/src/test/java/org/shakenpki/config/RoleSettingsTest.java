package org.shakenpki.config;

import org.junit.jupiter.api.Test;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.cr.CrSettings;
import org.shakenpki.kms.IssuanceOptions;
import org.shakenpki.kms.KmsSettings;
import org.shakenpki.pa.PaSettings;
import org.shakenpki.pa.SpcTokenProfile;
import org.shakenpki.stir.AsSettings;
import org.shakenpki.stir.VsSettings;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role's settings bean, fed the shipped defaults (META-INF/microprofile-config.properties) and then one wrong
 * value at a time: the defaults are valid, and each wrong value is refused with its one line.
 */
class RoleSettingsTest {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    /** The shipped defaults with their ${...} expressions resolved, plus the overrides. */
    static SettingReader defaultsWith(Map<String, String> overrides) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = RoleSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        Map<String, String> values = new HashMap<>();
        shipped.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> values.put(k, shipped.getProperty(k)));
        values.put("user.home", "/home/operator");
        values.putAll(overrides);
        Map<String, String> resolved = new HashMap<>();
        values.keySet().forEach(key -> resolved.put(key, resolve(values.get(key), values::get)));
        return SettingReader.of(resolved);
    }

    private static String resolve(String value, Function<String, String> lookup) {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(lookup.apply(matcher.group(1)), lookup)));
        }
        return matcher.appendTail(result).toString();
    }

    private static String refusal(Function<SettingReader, ?> bean, String key, String value) throws IOException {
        SettingReader settings = defaultsWith(Map.of(key, value));
        return assertThrows(InvalidSetting.class, () -> bean.apply(settings)).getMessage();
    }

    @Test
    void theShippedDefaultsAreValidAndEnableEveryRole() throws IOException {
        SettingReader defaults = defaultsWith(Map.of());
        List<RoleSettings> all = List.of(PaSettings.from(defaults), CaSettings.from(defaults), CrSettings.from(defaults),
                KmsSettings.from(defaults), AsSettings.from(defaults), VsSettings.from(defaults));
        assertEquals(List.of(Role.values()), all.stream().map(RoleSettings::role).toList());
        assertTrue(all.stream().allMatch(RoleSettings::enabled));
        PaSettings pa = PaSettings.from(defaults);
        assertEquals(Duration.ofHours(24), pa.tokenLifetime());
        assertEquals("https://localhost:8443", pa.publicUrl());
        assertEquals(Set.of(), pa.trustedProxies());
        assertEquals(SpcTokenProfile.ATC, pa.tokenProfile(), "RFC 9448 atc tokens unless the seed shape is asked for");
        assertFalse(CaSettings.from(defaults).acceptSeedTokens(), "seed-shaped tokens are refused unless configured");
        assertEquals(SpcTokenProfile.SEED, PaSettings.from(defaultsWith(Map.of("shakenpki.pa.token-profile", "SEED"))).tokenProfile());
        assertTrue(CaSettings.from(defaultsWith(Map.of("shakenpki.ca.accept-seed-tokens", "true"))).acceptSeedTokens());
        assertEquals("https://localhost:8443/acme/terms", CaSettings.from(defaults).termsOfService().orElseThrow());
        assertEquals(IssuanceOptions.Fingerprint.JWK_THUMBPRINT, KmsSettings.from(defaults).defaultOptions().fingerprint());
        assertEquals(Set.of(443, 8443), VsSettings.from(defaults).policy().allowedPorts());
        assertEquals("https://localhost:8443/download/v1/crl", VsSettings.from(defaults).crlUrl().toString());
    }

    @Test
    void eachRoleIsSwitchedOffByItsOwnSetting() throws IOException {
        SettingReader off = defaultsWith(Map.of("shakenpki.pa.enabled", "false", "shakenpki.ca.enabled", "false",
                "shakenpki.cr.enabled", "false", "shakenpki.kms.enabled", "false", "shakenpki.as.enabled", "false",
                "shakenpki.vs.enabled", "false"));
        assertFalse(PaSettings.from(off).enabled());
        assertFalse(CaSettings.from(off).enabled());
        assertFalse(CrSettings.from(off).enabled());
        assertFalse(KmsSettings.from(off).enabled());
        assertFalse(AsSettings.from(off).enabled());
        assertFalse(VsSettings.from(off).enabled());
        assertEquals("shakenpki.cr.enabled=no is not allowed: expected true or false",
                refusal(CrSettings::from, "shakenpki.cr.enabled", "no"));
    }

    @Test
    void theStiPaRefusesWrongValues() throws IOException {
        assertEquals("shakenpki.pa.token-lifetime=24 hours is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                refusal(PaSettings::from, "shakenpki.pa.token-lifetime", "24 hours"));
        assertEquals("shakenpki.pa.login.max-failures=-3 is not allowed: expected a whole number greater than zero",
                refusal(PaSettings::from, "shakenpki.pa.login.max-failures", "-3"));
        assertEquals("shakenpki.public-url=localhost:8443 is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net",
                refusal(PaSettings::from, "shakenpki.public-url", "localhost:8443"));
        assertEquals("shakenpki.pa.root-dn=Root CA is not allowed: expected a distinguished name (RFC 4514), e.g. CN=Example Root,O=Example,C=US",
                refusal(PaSettings::from, "shakenpki.pa.root-dn", "Root CA"));
        assertEquals("shakenpki.pa.token-profile=jwt is not allowed: expected one of atc, seed",
                refusal(PaSettings::from, "shakenpki.pa.token-profile", "jwt"));
        // a rule between two settings: a CRL re-issued before more than its whole validity would be re-issued always
        assertEquals("shakenpki.pa.crl-reissue-before=PT24H is not allowed: expected a duration shorter than shakenpki.pa.crl-validity (PT24H)",
                refusal(PaSettings::from, "shakenpki.pa.crl-reissue-before", "PT24H"));
    }

    @Test
    void theStiCaRefusesWrongValues() throws IOException {
        assertEquals("shakenpki.ca.validity-days=-365 is not allowed: expected a whole number greater than zero",
                refusal(CaSettings::from, "shakenpki.ca.validity-days", "-365"));
        assertEquals("shakenpki.ca.crl-url=download/v1/crl is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net",
                refusal(CaSettings::from, "shakenpki.ca.crl-url", "download/v1/crl"));
        assertEquals("shakenpki.ca.allow-http=sometimes is not allowed: expected true or false",
                refusal(CaSettings::from, "shakenpki.ca.allow-http", "sometimes"));
        assertEquals("shakenpki.ca.accept-seed-tokens=yes is not allowed: expected true or false",
                refusal(CaSettings::from, "shakenpki.ca.accept-seed-tokens", "yes"));
        assertEquals("shakenpki.ca.subject-c=USA is not allowed: expected a two-letter ISO 3166 country code in capitals, e.g. US",
                refusal(CaSettings::from, "shakenpki.ca.subject-c", "USA"));
        assertEquals("shakenpki.ca.sti-pa-token-signer-fingerprints=abcd is not allowed: expected comma-separated SHA-256 fingerprints (64 hex digits, colons optional)",
                refusal(CaSettings::from, "shakenpki.ca.sti-pa-token-signer-fingerprints", "AB:CD"));
        assertEquals("shakenpki.ca.sti-pa-token-signer-issuers=root is not allowed: expected comma-separated SHA-256 fingerprints (64 hex digits, colons optional)",
                refusal(CaSettings::from, "shakenpki.ca.sti-pa-token-signer-issuers", "root"));
        assertEquals("shakenpki.ca.sti-pa-x5u-prefixes=http://pa.example.net/ is not allowed: expected comma-separated https URL prefixes",
                refusal(CaSettings::from, "shakenpki.ca.sti-pa-x5u-prefixes", "https://pa.example.net/,http://pa.example.net/"));
    }

    @Test
    void theSpKmsRefusesWrongValues() throws IOException {
        assertEquals("shakenpki.kms.fingerprint=sha1 is not allowed: expected jwk-thumbprint or spki",
                refusal(KmsSettings::from, "shakenpki.kms.fingerprint", "sha1"));
        assertEquals("shakenpki.kms.challenge-response-key=Tkauth is not allowed: expected tkauth, atc or ATC",
                refusal(KmsSettings::from, "shakenpki.kms.challenge-response-key", "Tkauth"));
        assertEquals("shakenpki.kms.renew-before-max=30 days is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                refusal(KmsSettings::from, "shakenpki.kms.renew-before-max", "30 days"));
        assertEquals("shakenpki.kms.acme-directory=acme.example.net/directory is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net",
                refusal(KmsSettings::from, "shakenpki.kms.acme-directory", "acme.example.net/directory"));
        assertEquals("shakenpki.kms.notify-url=mailto:ops@example.net is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net",
                refusal(KmsSettings::from, "shakenpki.kms.notify-url", "mailto:ops@example.net"));
    }

    @Test
    void theStiAsAndStiVsRefuseWrongValues() throws IOException {
        assertEquals("shakenpki.as.iat-tolerance=-PT5S is not allowed: expected a duration of zero or more (ISO-8601, e.g. PT24H or P30D)",
                refusal(AsSettings::from, "shakenpki.as.iat-tolerance", "-PT5S"));
        assertEquals("shakenpki.vs.allowed-ports=443,eighty is not allowed: expected a comma-separated list of ports from 1 to 65535, e.g. 443,8443",
                refusal(VsSettings::from, "shakenpki.vs.allowed-ports", "443,eighty"));
        assertEquals("shakenpki.vs.iat-freshness=60 is not allowed: expected a duration greater than zero (ISO-8601, e.g. PT24H or P30D)",
                refusal(VsSettings::from, "shakenpki.vs.iat-freshness", "60"));
        // the CRL URL defaults to one built from the STI-PA URL: a wrong STI-PA URL is named, not its consequence
        assertEquals("shakenpki.vs.sti-pa-url=pa.example.net is not allowed: expected an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net",
                refusal(VsSettings::from, "shakenpki.vs.sti-pa-url", "pa.example.net"));
    }

    @Test
    void theTokensOfARoleAreOpenedOnlyWhileItIsEnabled() throws IOException {
        SettingReader defaults = defaultsWith(Map.of());
        assertEquals(Set.of("pa"), PaSettings.from(defaults).tokens());
        assertEquals(Set.of("ca"), CaSettings.from(defaults).tokens());
        assertEquals(Set.of("kms"), KmsSettings.from(defaults).tokens());
        assertEquals(Set.of("kms"), AsSettings.from(defaults).tokens(), "the STI-AS signs with the SP-KMS's keys");
        assertEquals(Set.of(), VsSettings.from(defaults).tokens());
    }

    @Test
    void theCheckNamesTheFirstWrongValueEvenWhenTheContainerWrapsIt() {
        InvalidSetting wrong = new InvalidSetting("shakenpki.ca.validity-days", "0", "a whole number greater than zero");
        RoleSettings broken = new RoleSettings() {
            @Override
            public Role role() {
                // what a CDI proxy does when the bean's @PostConstruct throws
                throw new IllegalStateException("bean creation failed", new RuntimeException(wrong));
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
        InvalidSetting thrown = assertThrows(InvalidSetting.class, () -> SettingsCheck.checkAll(List.of(broken)));
        assertSame(wrong, thrown);
        assertEquals("shakenpki.ca.validity-days=0 is not allowed: expected a whole number greater than zero", thrown.getMessage());
        IllegalStateException other = new IllegalStateException("no database");
        RoleSettings failing = new RoleSettings() {
            @Override
            public Role role() {
                throw other;
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
        assertSame(other, assertThrows(IllegalStateException.class, () -> SettingsCheck.checkAll(List.of(failing))),
                "a failure that is not a setting passes through unchanged");
    }

    @Test
    void theStiCaRequiresExternalAccountBindingByDefaultAndHasItsOwnAdminToken() throws IOException {
        CaSettings ca = CaSettings.from(defaultsWith(Map.of()));
        assertTrue(ca.externalAccountRequired());
        assertEquals(java.nio.file.Path.of("/home/operator/.shaken-pki/ca/admin.token"), ca.adminTokenFile());
    }

    @Test
    void theSpKmsEabCredentialsAreBothOrNeitherAndTheKeyIsReadFromItsFile() throws IOException {
        assertTrue(KmsSettings.from(defaultsWith(Map.of())).acmeEab().isEmpty());
        assertTrue(refusal(KmsSettings::from, "shakenpki.kms.acme-eab-kid", "kid-1").contains("shakenpki.kms.acme-eab-hmac-key-file"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("eab", ".key");
        try {
            java.nio.file.Files.writeString(file, "c2VjcmV0\n");
            KmsSettings kms = KmsSettings.from(defaultsWith(Map.of("shakenpki.kms.acme-eab-kid", "kid-1",
                    "shakenpki.kms.acme-eab-hmac-key-file", file.toString())));
            assertEquals(new KmsSettings.AcmeEab("kid-1", "c2VjcmV0"), kms.acmeEab().orElseThrow());
            assertFalse(kms.acmeEab().orElseThrow().toString().contains("c2VjcmV0"), "the HMAC key must not be logged");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
