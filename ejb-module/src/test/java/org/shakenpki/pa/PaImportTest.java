package org.shakenpki.pa;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shakenpki.ca.KeyCeremony;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.config.SettingReader;
import org.shakenpki.pkix.Pem;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.sks.TestTokens;
import org.shakenpki.sks.TokenSettings;
import org.shakenpki.trust.TestPki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import of the STI-PA's signers made at a key ceremony ({@link PaImport}) on a real SoftHSM2 token: accepted as
 * made; refused for a token signer that may sign CRLs (the purpose the STI-CA would refuse it for), a CRL signer
 * whose name is not the cRLIssuer SHAKEN certificates name, and a key that is not its certificate's.
 */
class PaImportTest {
    private static final String CRL_DN = "CN=STI-PA CRL,O=Ceremony STI-PA,C=US";
    private static final TokenSettings PA = TestTokens.settings("pa");
    private static KeyStoreToken token;
    private static Path dir;
    private static TestPki.Issued root;
    private static final Map<String, String> LABELS = new HashMap<>();
    private static final Map<String, TestPki.Issued> ISSUED = new HashMap<>();

    @BeforeAll
    static void ceremony() throws Exception {
        token = TestTokens.token("pa");
        dir = Files.createTempDirectory("pa-import");
        root = TestPki.root("CN=Ceremony STI-PA Root,O=Ceremony STI-PA,C=US");
        load("root", root);
        load("token-signer", TestPki.issue(TestPki.leaf().subject("CN=Ceremony SPC Token Signer,O=Ceremony STI-PA,C=US")
                .tnAuthList(null).key(org.shakenpki.pkix.Vectors.p256()), root));
        load("crl-signer", TestPki.issue(TestPki.leaf().subject(CRL_DN).tnAuthList(null).keyUsage(KeyUsage.cRLSign)
                .key(org.shakenpki.pkix.Vectors.p256()), root));
        load("signs-crls-too", TestPki.issue(TestPki.leaf().subject("CN=Ceremony SPC Token Signer,O=Ceremony STI-PA,C=US")
                .tnAuthList(null).keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign).key(org.shakenpki.pkix.Vectors.p256()), root));
        load("misnamed-crl-signer", TestPki.issue(TestPki.leaf().subject("CN=Another CRL,O=Ceremony STI-PA,C=US").tnAuthList(null)
                .keyUsage(KeyUsage.cRLSign).key(org.shakenpki.pkix.Vectors.p256()), root));
    }

    private static void load(String name, TestPki.Issued issued) throws Exception {
        String label = "ceremony-" + name + "-" + UUID.randomUUID();
        KeyCeremony.load(PA, KeyCeremony.randomId(), label, issued.key().getPrivate(), issued.certificate());
        LABELS.put(name, label);
        ISSUED.put(name, issued);
    }

    /** The import settings: for each of root, token-signer, crl-signer the key and the certificate of what is named. */
    private static ImportedCertificates config(String rootKey, String rootCertificate, String tokenKey, String tokenCertificate,
                                               String crlKey, String crlCertificate) throws Exception {
        Map<String, String> values = new HashMap<>();
        put(values, "root", rootKey, rootCertificate);
        put(values, "token-signer", tokenKey, tokenCertificate);
        put(values, "crl-signer", crlKey, crlCertificate);
        return ImportedCertificates.read(SettingReader.of(values), PaImport.PREFIX, PaImport.NAMES).orElseThrow();
    }

    private static void put(Map<String, String> values, String name, String key, String certificate) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".pem");
        Files.writeString(file, Pem.encode(ISSUED.get(certificate).certificate()));
        values.put(PaImport.PREFIX + name + "-key", LABELS.get(key));
        values.put(PaImport.PREFIX + name + "-certificate", file.toString());
    }

    private static String refusal(ImportedCertificates config) {
        return assertThrows(InvalidSetting.class, () -> PaImport.check(config, token, TestPki.NOW, CRL_DN)).getMessage();
    }

    @Test
    void theCeremonysSignersAreAccepted() throws Exception {
        PaImport.Checked checked = PaImport.check(config("root", "root", "token-signer", "token-signer", "crl-signer", "crl-signer"),
                token, TestPki.NOW, CRL_DN);
        assertEquals(LABELS.get("token-signer"), checked.tokenSignerAlias());
        assertEquals(ISSUED.get("crl-signer").certificate(), checked.crlSigner());
    }

    @Test
    void aTokenSignerThatMaySignCrlsIsRefused() throws Exception {
        String message = refusal(config("root", "root", "signs-crls-too", "signs-crls-too", "crl-signer", "crl-signer"));
        assertTrue(message.startsWith("shakenpki.pa.import.token-signer-certificate="), message);
        assertTrue(message.contains(" is not allowed: expected an SPC-token signer issued by the configured root ("), message);
        assertTrue(message.contains("neither keyCertSign nor cRLSign"), message);
    }

    @Test
    void aCrlSignerNotNamedAsTheCrlIssuerIsRefused() throws Exception {
        String message = refusal(config("root", "root", "token-signer", "token-signer", "misnamed-crl-signer", "misnamed-crl-signer"));
        assertTrue(message.endsWith(" is not allowed: expected the subject " + CRL_DN
                + " (shakenpki.sti-pa.crl-issuer-dn, the cRLIssuer SHAKEN certificates name)"), message);
    }

    @Test
    void aKeyThatIsNotItsCertificatesIsRefused() throws Exception {
        String message = refusal(config("root", "root", "crl-signer", "token-signer", "crl-signer", "crl-signer"));
        assertTrue(message.startsWith("shakenpki.pa.import.token-signer-certificate="), message);
        assertTrue(message.endsWith("expected the certificate of the key " + LABELS.get("crl-signer")
                + " (the certificate's public key is not the key " + LABELS.get("crl-signer") + " on token pa)"), message);
    }
}
