package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.SettingReader;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.pkix.VerifiedSubject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finalize CSR's subject against the verified one: ignored or badCSR (shakenpki.ca.csr-subject-mismatch). */
class CsrSubjectTest {
    private static final VerifiedSubject IT = new VerifiedSubject("US", "NJ", "Bridgewater", "IT Telecom, Inc.", null);
    private static final String CN = "SHAKEN 5151";

    @Test
    void aCsrAskingForAnotherProvidersOIsBadCsrNamingTheAttribute() {
        ProblemException e = assertThrows(ProblemException.class, () -> CsrSubject.apply(CsrSubject.Mismatch.BAD_CSR,
                new X500Name("C=US,O=Other Telecom,CN=SHAKEN 5151"), IT, CN, "subscriber it"));
        assertEquals(ProblemType.BAD_CSR, e.type());
        assertEquals("the CSR subject disagrees with what the STI-CA verified about subscriber it: "
                + "O \"Other Telecom\" is not the verified \"IT Telecom, Inc.\"", e.getMessage());
    }

    @Test
    void ignoredTheSameCsrPassesAndSaysWhatWasNotCopied() {
        assertEquals(List.of("O \"Other Telecom\" is not the verified \"IT Telecom, Inc.\""), CsrSubject.apply(CsrSubject.Mismatch.IGNORE,
                new X500Name("C=US,O=Other Telecom,CN=SHAKEN 5151"), IT, CN, "subscriber it"));
    }

    @Test
    void anAgreeingOrEmptyOrPartialSubjectIsNoDisagreement() {
        assertEquals(List.of(), CsrSubject.disagreements(new X500Name("CN=SHAKEN 5151"), IT, CN));
        assertEquals(List.of(), CsrSubject.disagreements(new X500Name(""), IT, CN));
        // caseIgnoreMatch in effect: case and insignificant spaces aside
        assertEquals(List.of(), CsrSubject.disagreements(new X500Name("C=US,ST=NJ,L=bridgewater,O=IT  Telecom\\, INC.,CN=shaken 5151"), IT, CN));
    }

    @Test
    void unverifiedAndUnknownAttributesAndAnotherCnDisagree() {
        List<String> found = CsrSubject.disagreements(new X500Name("OU=Sales,E=noc@other.example,CN=SHAKEN 9999"), IT, CN);
        assertEquals(List.of("OU \"Sales\" is not verified for this subscriber", "E is not an attribute this STI-CA writes",
                "CN \"SHAKEN 9999\" is not the verified \"SHAKEN 5151\""), found);
    }

    @Test
    void theSettingDefaultsToIgnoreAndTakesBadCsr() {
        assertEquals(CsrSubject.Mismatch.IGNORE, settings(null).csrSubjectMismatch());
        assertEquals(CsrSubject.Mismatch.BAD_CSR, settings("badCSR").csrSubjectMismatch());
        assertEquals(CsrSubject.Mismatch.IGNORE, settings("ignore").csrSubjectMismatch());
        InvalidSetting e = assertThrows(InvalidSetting.class, () -> settings("refuse"));
        assertTrue(e.getMessage().contains("shakenpki.ca.csr-subject-mismatch"), e.getMessage());
    }

    private static CaSettings settings(String mode) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "shakenpki.ca.crl-url", "https://ca.example/download/v1/crl", "shakenpki.ca.sti-pa-trust-anchors", "/nonexistent/root.pem",
                "shakenpki.ca.sti-pa-url", "https://ca.example", "shakenpki.ca.sti-pa.password-file", "/nonexistent/password",
                "shakenpki.public-url", "https://ca.example", "shakenpki.ca.admin-token-file", "/nonexistent/admin.token"));
        if (mode != null) {
            values.put("shakenpki.ca.csr-subject-mismatch", mode);
        }
        return CaSettings.from(SettingReader.of(values));
    }
}
