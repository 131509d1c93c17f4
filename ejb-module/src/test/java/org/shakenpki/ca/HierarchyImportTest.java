package org.shakenpki.ca;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.config.SettingReader;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.sks.TestTokens;
import org.shakenpki.sks.TokenSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import of an STI-CA hierarchy made at a key ceremony ({@link HierarchyImport}) on a real SoftHSM2 token: keys
 * and certificates made outside the application (BouncyCastle in software, loaded with pkcs11-tool), found by
 * CKA_LABEL and by CKA_ID as SunPKCS11 names them. Accepted as made; refused, with the one-line message that stops the
 * start-up, for a key that is not the certificate's, a token whose certificate object lies about its key, an
 * intermediate not signed by the root, an intermediate lacking the SHAKEN profile, and a key that is not there.
 */
class HierarchyImportTest {
    private static final TokenSettings CA = TestTokens.settings("ca");
    private static KeyStoreToken token;
    private static Path dir;
    private static KeyPair rootKey;
    private static X509Certificate root;
    private static String rootLabel;
    private static String intermediateId;
    private static X509Certificate intermediate;

    @BeforeAll
    static void ceremony() throws Exception {
        token = TestTokens.token("ca");
        dir = Files.createTempDirectory("hierarchy-import");
        rootKey = KeyCeremony.p256();
        root = KeyCeremony.root("SHAKEN ROOT Ceremony", rootKey);
        rootLabel = "ceremony-root-" + UUID.randomUUID();
        KeyCeremony.load(CA, KeyCeremony.randomId(), rootLabel, rootKey.getPrivate(), root);
        KeyPair intermediateKey = KeyCeremony.p256();
        intermediate = KeyCeremony.intermediate("SHAKEN Intermediate Ceremony", intermediateKey.getPublic(), root, rootKey.getPrivate(), true);
        intermediateId = KeyCeremony.randomId();
        KeyCeremony.load(CA, intermediateId, null, intermediateKey.getPrivate(), intermediate); // by CKA_ID only
    }

    private static Path pem(X509Certificate certificate) throws Exception {
        Path file = dir.resolve(UUID.randomUUID() + ".pem");
        Files.writeString(file, org.shakenpki.pkix.Pem.encode(certificate));
        return file;
    }

    private static ImportedCertificates config(String rootKeyRef, X509Certificate rootCertificate, String intermediateKeyRef,
                                               X509Certificate intermediateCertificate) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("shakenpki.ca.import.root-key", rootKeyRef);
        values.put("shakenpki.ca.import.root-certificate", pem(rootCertificate).toString());
        values.put("shakenpki.ca.import.intermediate-key", intermediateKeyRef);
        values.put("shakenpki.ca.import.intermediate-certificate", pem(intermediateCertificate).toString());
        return ImportedCertificates.read(SettingReader.of(values), HierarchyImport.PREFIX, HierarchyImport.NAMES).orElseThrow();
    }

    private static String refusal(ImportedCertificates config) {
        return assertThrows(InvalidSetting.class, () -> HierarchyImport.check(config, token, Instant.now())).getMessage();
    }

    @Test
    void theCeremonysHierarchyIsAcceptedByLabelAndByIdAndItsIntermediateKeySigns() throws Exception {
        HierarchyImport.Checked checked = HierarchyImport.check(config(rootLabel, root, "id:" + intermediateId, intermediate),
                token, Instant.now());
        assertEquals(rootLabel, checked.rootAlias());
        assertEquals("0x" + intermediateId, checked.intermediateAlias());
        byte[] data = "a certificate to be".getBytes();
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(intermediate.getPublicKey());
        verify.update(data);
        assertTrue(verify.verify(token.signer(checked.intermediateAlias()).signDer(data)));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        String message = refusal(config(rootLabel, root, rootLabel, intermediate));
        assertTrue(message.matches("shakenpki\\.ca\\.import\\.intermediate-certificate=\\S+\\.pem is not allowed: expected the certificate"
                + " of the key " + rootLabel + " \\(the certificate's public key is not the key " + rootLabel + " on token ca\\)"), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void aTokenCertificateThatLiesAboutItsPrivateKeyFailsTheSignedProbe() throws Exception {
        // the ceremony put the intermediate's certificate beside another private key under one CKA_ID
        String id = KeyCeremony.randomId();
        KeyCeremony.load(CA, id, null, KeyCeremony.p256().getPrivate(), intermediate);
        String message = refusal(config(rootLabel, root, "id:" + id, intermediate));
        assertTrue(message.endsWith("expected the certificate of the key 0x" + id + " (a probe signed with key 0x" + id
                + " does not verify with the certificate's key)"), message);
    }

    @Test
    void anIntermediateNotSignedByTheRootIsRefused() throws Exception {
        KeyPair otherRoot = KeyCeremony.p256();
        X509Certificate forgedRoot = KeyCeremony.root("SHAKEN ROOT Ceremony", otherRoot); // same name, another key
        KeyPair key = KeyCeremony.p256();
        X509Certificate foreign = KeyCeremony.intermediate("SHAKEN Intermediate Ceremony", key.getPublic(), forgedRoot,
                otherRoot.getPrivate(), true);
        String label = "ceremony-foreign-" + UUID.randomUUID();
        KeyCeremony.load(CA, KeyCeremony.randomId(), label, key.getPrivate(), foreign);
        String message = refusal(config(rootLabel, root, label, foreign));
        assertTrue(message.startsWith("shakenpki.ca.import.intermediate-certificate="), message);
        assertTrue(message.endsWith(" is not allowed: expected an intermediate signed by the configured root "
                + root.getSubjectX500Principal().getName()), message);
    }

    @Test
    void anIntermediateLackingTheShakenProfileIsRefused() throws Exception {
        KeyPair key = KeyCeremony.p256();
        X509Certificate plain = KeyCeremony.intermediate("SHAKEN Intermediate Plain", key.getPublic(), root, rootKey.getPrivate(), false);
        String label = "ceremony-plain-" + UUID.randomUUID();
        KeyCeremony.load(CA, KeyCeremony.randomId(), label, key.getPrivate(), plain);
        String message = refusal(config(rootLabel, root, label, plain));
        assertTrue(message.endsWith(" is not allowed: expected a intermediate with the SHAKEN profile (ATIS-1000080 section 6.4.1),"
                + " but certificatePolicies must hold exactly one policy"), message);
    }

    @Test
    void aKeyThatIsNotOnTheTokenIsRefusedNamingTheSetting() throws Exception {
        String message = refusal(config("no-such-key", root, "id:" + intermediateId, intermediate));
        assertTrue(message.startsWith("shakenpki.ca.import.root-key=no-such-key is not allowed: expected the label (or id:<hex>)"
                + " of a private key on the ca token that has a certificate object of the same CKA_ID; the token holds ["), message);
    }

    @Test
    void anImportSetsEveryKeyAndCertificate() {
        InvalidSetting missing = assertThrows(InvalidSetting.class, () -> ImportedCertificates.read(SettingReader.of(Map.of(
                "shakenpki.ca.import.root-key", rootLabel)), HierarchyImport.PREFIX, HierarchyImport.NAMES));
        assertEquals("shakenpki.ca.import.root-certificate= is not allowed: expected the PEM file of the root certificate:"
                + " an import sets every root, intermediate key and certificate", missing.getMessage());
    }
}
