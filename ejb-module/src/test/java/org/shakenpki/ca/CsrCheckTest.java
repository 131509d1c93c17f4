package org.shakenpki.ca;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finalize CSR checks (RFC 8555 section 7.4 and 11.1; RFC 9448 section 6 check 9). */
class CsrCheckTest {
    private static final TNAuthList SPC = TNAuthList.ofSpc("1234");
    private static final java.util.function.Predicate<java.security.PublicKey> NO_OTHER_ACCOUNT = k -> false;
    private final KeyPair account = Vectors.p256();
    private final KeyPair key = Vectors.p256();

    @Test
    void acceptsAP256CsrForTheOrdersTnAuthList() throws Exception {
        CsrCheck.Accepted accepted = CsrCheck.check(csr(key, SPC, null, "SHA256withECDSA"), SPC, false, account.getPublic(), true, NO_OTHER_ACCOUNT);
        assertEquals(key.getPublic(), accepted.publicKey());
        assertEquals(SPC, accepted.tnAuthList());
        assertFalse(accepted.ca());
    }

    @Test
    void check9TheCsrBasicConstraintsMustMatchTheTokensCa() throws Exception {
        assertTrue(CsrCheck.check(csr(key, SPC, true, "SHA256withECDSA"), SPC, true, account.getPublic(), true, NO_OTHER_ACCOUNT).ca());
        assertBad(csr(key, SPC, true, "SHA256withECDSA"), false, account, true, "cA=true");
        assertBad(csr(key, SPC, null, "SHA256withECDSA"), true, account, true, "cA=false");
        assertFalse(CsrCheck.check(csr(key, SPC, false, "SHA256withECDSA"), SPC, false, account.getPublic(), true, NO_OTHER_ACCOUNT).ca());
    }

    @Test
    void refusesTheAccountKeyUnlessConfiguredOtherwise() throws Exception {
        byte[] sameKey = csr(account, SPC, null, "SHA256withECDSA");
        assertBad(sameKey, false, account, true, "account key");
        assertEquals(account.getPublic(), CsrCheck.check(sameKey, SPC, false, account.getPublic(), false, NO_OTHER_ACCOUNT).publicKey());
    }

    @Test
    void refusesAnyOtherAccountsKeyWhateverTheSetting() throws Exception {
        KeyPair other = Vectors.p256();
        java.util.function.Predicate<java.security.PublicKey> registered =
                k -> java.util.Arrays.equals(k.getEncoded(), other.getPublic().getEncoded())
                        || java.util.Arrays.equals(k.getEncoded(), account.getPublic().getEncoded());
        byte[] othersKey = csr(other, SPC, null, "SHA256withECDSA");
        for (boolean mustDiffer : new boolean[] {true, false}) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> CsrCheck.check(othersKey, SPC, false, account.getPublic(), mustDiffer, registered));
            assertEquals(ProblemType.BAD_CSR, e.type());
            assertTrue(e.detail().contains("another ACME account"), e.detail());
        }
        // the requester's own key stays governed by key-must-differ-from-account alone
        assertEquals(account.getPublic(), CsrCheck.check(csr(account, SPC, null, "SHA256withECDSA"), SPC, false,
                account.getPublic(), false, registered).publicKey());
        assertEquals(key.getPublic(), CsrCheck.check(csr(key, SPC, null, "SHA256withECDSA"), SPC, false,
                account.getPublic(), true, registered).publicKey());
    }

    @Test
    void refusesAnotherOrAMissingTnAuthList() throws Exception {
        assertBad(csr(key, TNAuthList.ofSpc("5678"), null, "SHA256withECDSA"), false, account, true, "does not match");
        assertBad(csr(key, null, null, "SHA256withECDSA"), false, account, true, "must request the TNAuthList");
    }

    @Test
    void refusesOtherKeysBadSignaturesAndGarbage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        assertBad(csr(generator.generateKeyPair(), SPC, null, "SHA384withECDSA"), false, account, true, "P-256");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertBad(csr(rsa.generateKeyPair(), SPC, null, "SHA256withRSA"), false, account, true, "P-256");

        byte[] tampered = csr(key, SPC, null, "SHA256withECDSA");
        tampered[tampered.length - 5] ^= 0x01;
        assertBad(tampered, false, account, true, "signature");
        assertBad(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, false, account, true, "PKCS#10");
        assertBad(new byte[0], false, account, true, "PKCS#10");
    }

    private void assertBad(byte[] der, boolean tokenCa, KeyPair accountKey, boolean mustDiffer, String detail) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> CsrCheck.check(der, SPC, tokenCa, accountKey.getPublic(), mustDiffer, NO_OTHER_ACCOUNT));
        assertEquals(ProblemType.BAD_CSR, e.type());
        assertTrue(e.detail().contains(detail), e.detail());
    }

    static byte[] csr(KeyPair key, TNAuthList tnAuthList, Boolean ca, String algorithm) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        if (tnAuthList != null) {
            extensions.addExtension(TNAuthList.OID, false, tnAuthList.der());
        }
        if (ca != null) {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        }
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN 1234"), key.getPublic());
        if (!extensions.isEmpty()) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())).getEncoded();
    }
}
