package org.shakenpki.ca;

import org.junit.jupiter.api.Test;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ACME profiles of the STI-CA (draft-ietf-acme-profiles): names, kinds, lifetimes, and the refusal of others. */
class AcmeProfilesTest {

    private static CaSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("shakenpki.ca.crl-url", "https://pa.example/crl",
                "shakenpki.ca.sti-pa-trust-anchors", "/nonexistent/root.pem", "shakenpki.ca.sti-pa-url", "https://pa.example",
                "shakenpki.ca.sti-pa.password-file", "/nonexistent/password", "shakenpki.public-url", "https://ca.example",
                "shakenpki.ca.admin-token-file", "/nonexistent/admin.token"));
        values.putAll(extra);
        return CaSettings.from(SettingReader.of(values));
    }

    @Test
    void theDirectoryListsEndEntityShortLivedAndDelegateCa() {
        AcmeProfiles profiles = AcmeProfiles.of(settings(Map.of("shakenpki.ca.short-lived-validity", "PT160H")));
        assertEquals(List.of("end-entity", "short-lived", "delegate-ca"), profiles.all().stream().map(AcmeProfiles.Profile::name).toList());
        assertEquals(Duration.ofDays(365), profiles.require("end-entity").validity());
        assertEquals(Duration.ofHours(160), profiles.require("short-lived").validity());
        assertTrue(profiles.require("short-lived").description().contains("160 hours"), profiles.require("short-lived").description());
        assertEquals(ShakenProfile.Kind.DELEGATE_CA, profiles.require("delegate-ca").kind());
        assertEquals(ShakenProfile.Kind.END_ENTITY, profiles.require("short-lived").kind());
    }

    @Test
    void anOrderWithoutAProfileGetsTheDefaultOfItsTokensKind() {
        AcmeProfiles profiles = AcmeProfiles.of(settings(Map.of()));
        assertEquals("end-entity", profiles.forOrder(null, false).name());
        assertEquals("delegate-ca", profiles.forOrder(null, true).name());
        assertEquals("short-lived", profiles.forOrder("short-lived", false).name());
    }

    @Test
    void anUnknownProfileIsInvalidProfileNamingTheOffer() {
        AcmeProfiles profiles = AcmeProfiles.of(settings(Map.of()));
        for (String name : List.of("gold", "END-ENTITY", "end-entity ", "")) {
            ProblemException e = assertThrows(ProblemException.class, () -> profiles.require(name), name);
            assertEquals(ProblemType.INVALID_PROFILE, e.type());
            assertEquals("urn:ietf:params:acme:error:invalidProfile", e.type().uri());
            assertTrue(e.getMessage().contains("end-entity, short-lived, delegate-ca"), e.getMessage());
        }
    }

    @Test
    void aShortLivedValidityNotShorterThanTheDefaultIsRefusedAtStartUp() {
        assertThrows(InvalidSetting.class, () -> settings(Map.of("shakenpki.ca.short-lived-validity", "P365D")));
        assertThrows(InvalidSetting.class, () -> settings(Map.of("shakenpki.ca.short-lived-validity", "PT5M")));
        assertThrows(InvalidSetting.class, () -> settings(Map.of("shakenpki.ca.ari-retry-after", "PT30S")));
        assertThrows(InvalidSetting.class, () -> settings(Map.of("shakenpki.ca.ari-retry-after", "P2D")));
    }
}
