package org.shakenpki.ca;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.interfaces.ECPublicKey;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** newAccount when the STI-CA requires External Account Binding (RFC 8555 section 7.3.4). */
class AccountServiceEabTest {
    private static final String URL = "https://ca.example/acme/new-account";
    private final JWK key = new ECKey.Builder(Curve.P_256, (ECPublicKey) Vectors.p256().getPublic()).build();

    @Test
    void theShippedDefaultRequiresEab() {
        assertTrue(settings(null).externalAccountRequired());
        assertFalse(settings("false").externalAccountRequired());
    }

    @Test
    void aNewAccountWithoutBindingIsExternalAccountRequired() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> service(null, "true").newAccount(request()));
        assertEquals(ProblemType.EXTERNAL_ACCOUNT_REQUIRED, e.type());
    }

    @Test
    void onlyReturnExistingForAnUnknownKeyIsStillAccountDoesNotExist() {
        AccountService service = service(null, "true");
        service.gate = gate(null, "{\"onlyReturnExisting\":true}");
        ProblemException e = assertThrows(ProblemException.class, () -> service.newAccount(request()));
        assertEquals(ProblemType.ACCOUNT_DOES_NOT_EXIST, e.type());
    }

    @Test
    void theExistingAccountOfTheKeyIsAnsweredWithoutABinding() {
        AcmeAccount existing = new AcmeAccount("acct-1", "t", key.toJSONString(), "", true, OffsetDateTime.now());
        assertEquals("acct-1", service(existing, "true").newAccount(request()).view().id());
    }

    private AccountService service(AcmeAccount existing, String required) {
        AccountService service = new AccountService();
        service.settings = settings(required);
        service.gate = gate(existing, "{\"termsOfServiceAgreed\":true}");
        return service;
    }

    private AcmeGate gate(AcmeAccount existing, String payload) {
        return new AcmeGate() {
            @Override
            public Authenticated authenticate(AcmeRequest request, KeyUse use) {
                return new Authenticated(new AcmeJws.Parsed(null, payload, key, null, "n0nce", URL), key, null);
            }

            @Override
            public AcmeAccount byKey(JWK jwk) {
                return existing;
            }
        };
    }

    private static AcmeRequest request() {
        return new AcmeRequest("{}", URL, "https://ca.example/acme/acct/");
    }

    private static CaSettings settings(String required) {
        Map<String, String> values = new HashMap<>(Map.of(
                "shakenpki.ca.crl-url", "https://ca.example/download/v1/crl", "shakenpki.ca.sti-pa-trust-anchors", "/nonexistent/root.pem",
                "shakenpki.ca.sti-pa-url", "https://ca.example", "shakenpki.ca.sti-pa.password-file", "/nonexistent/password",
                "shakenpki.public-url", "https://ca.example", "shakenpki.ca.admin-token-file", "/nonexistent/admin.token"));
        if (required != null) {
            values.put("shakenpki.ca.external-account-required", required);
        }
        return CaSettings.from(SettingReader.of(values));
    }
}
