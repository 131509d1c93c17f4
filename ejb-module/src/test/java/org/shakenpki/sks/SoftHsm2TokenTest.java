package org.shakenpki.sks;

import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key-store contract, run on a real SoftHSM2 token through SunPKCS11. */
class Pkcs11TokenTest {
    private final Pkcs11Token token = TestTokens.token("kms");

    private static String newAlias() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void resolvesTheLabelToTheSlotTheScriptReported() throws IOException {
        String cfg = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("test.hsm.dir"), "sunpkcs11-kms.cfg"));
        long slot = Pkcs11Slots.slotOf(TestTokens.property("sks.kms.library"), "shaken-kms");
        assertTrue(cfg.contains("slot = " + slot + "\n"), "script and Java disagree on the slot: " + cfg);
        assertTrue(token.status().online());
        assertEquals(slot, token.status().slot());
    }

    @Test
    void anUnknownLabelIsReportedByName() {
        var error = assertThrows(IllegalStateException.class,
                () -> Pkcs11Slots.slotOf(TestTokens.property("sks.kms.library"), "no-such-token"));
        assertTrue(error.getMessage().contains("no-such-token"));
    }

    @Test
    void generatesAP256KeyWhoseSignaturesVerifyWithTheExportedPublicKey() throws Exception {
        String alias = newAlias();
        KeyHandle handle = token.createKey(alias);
        ECPublicKey publicKey = (ECPublicKey) handle.publicKey();
        assertEquals(256, publicKey.getParams().getCurve().getField().getFieldSize());

        byte[] data = "PASSporT signing input".getBytes(StandardCharsets.US_ASCII);
        Signer signer = token.signer(alias);
        byte[] der = signer.signDer(data);
        byte[] raw = signer.signRaw(data);

        Signature derCheck = Signature.getInstance("SHA256withECDSA", "SunEC");
        derCheck.initVerify(token.publicKey(alias));
        derCheck.update(data);
        assertTrue(derCheck.verify(der));

        assertEquals(64, raw.length);
        Signature rawCheck = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        rawCheck.initVerify(publicKey);
        rawCheck.update(data);
        assertTrue(rawCheck.verify(raw));

        rawCheck.initVerify(publicKey);
        rawCheck.update("tampered".getBytes(StandardCharsets.US_ASCII));
        assertFalse(rawCheck.verify(raw));
        token.deleteKey(alias);
    }

    @Test
    void thePrivateKeyCannotBeExtracted() throws Exception {
        String alias = newAlias();
        token.createKey(alias);
        var keyStore = java.security.KeyStore.getInstance("PKCS11", token.provider());
        keyStore.load(null, TestTokens.settings("kms").readPin());
        PrivateKey key = (PrivateKey) keyStore.getKey(alias, null);
        assertNull(key.getEncoded(), "a sensitive token key must not expose its encoding");

        String objects = Pkcs11Tool.listPrivateKeys("shaken-kms", TestTokens.settings("kms"));
        String block = Pkcs11Tool.objectBlock(objects, alias);
        assertTrue(block.contains("always sensitive"), block);
        assertTrue(block.contains("never extractable"), block);
        token.deleteKey(alias);
    }

    @Test
    void listsFindsAndDeletesKeys() {
        String alias = newAlias();
        assertTrue(token.findKey(alias).isEmpty());
        KeyHandle created = token.createKey(alias);
        assertTrue(token.aliases().contains(alias));
        assertArrayEquals(created.publicKey().getEncoded(), token.findKey(alias).orElseThrow().publicKey().getEncoded());

        token.deleteKey(alias);
        assertFalse(token.aliases().contains(alias));
        assertTrue(token.findKey(alias).isEmpty());
        var missing = assertThrows(ProblemException.class, () -> token.signer(alias));
        assertEquals(ProblemType.NOT_FOUND, missing.type());
    }

    @Test
    void refusesADuplicateOrMalformedAlias() {
        String alias = newAlias();
        token.createKey(alias);
        assertEquals(ProblemType.CONFLICT, assertThrows(ProblemException.class, () -> token.createKey(alias)).type());
        assertEquals(ProblemType.MALFORMED, assertThrows(ProblemException.class, () -> token.createKey("bad alias")).type());
        token.deleteKey(alias);
    }

    @Test
    void deletingOneKeyLeavesTheOthersUsable() {
        String kept = newAlias();
        String dropped = newAlias();
        token.createKey(kept);
        token.createKey(dropped);
        token.deleteKey(dropped);
        byte[] signature = token.signer(kept).signRaw(new byte[] {1, 2, 3});
        assertEquals(64, signature.length);
        assertTrue(token.findKey(kept).isPresent());
        token.deleteKey(kept);
    }

    @Test
    void findsAKeyThatAnotherSessionCreatedAfterThisOneLoggedIn() {
        // a second provider instance on the same token stands for another node of a cluster
        Pkcs11Token other = Pkcs11Token.open(TestTokens.settings("kms"));
        String alias = newAlias();
        assertTrue(token.findKey(alias).isEmpty());
        KeyHandle created = other.createKey(alias);
        assertArrayEquals(created.publicKey().getEncoded(), token.findKey(alias).orElseThrow().publicKey().getEncoded());
        assertEquals(64, token.signer(alias).signRaw(new byte[] {4, 5, 6}).length);
        other.deleteKey(alias);
    }

    @Test
    void seesAKeyAnotherProcessMadeEvenAfterWritingItself() throws Exception {
        // Another node's process writes, then this one writes before it looks: SoftHSM2's file store would then
        // hide the other's key from this process (see Pkcs11Token.reloadObjectList).
        String theirs = newAlias();
        Process other = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dtest.hsm.dir=" + System.getProperty("test.hsm.dir", "target/test-hsm"),
                KeyInAnotherProcess.class.getName(), "kms", theirs).inheritIO().start();
        assertEquals(0, other.waitFor(), "the other process made its key");

        String ours = newAlias();
        token.createKey(ours);
        assertTrue(token.findKey(theirs).isPresent(), "the other process's key is visible after this one wrote");
        token.deleteKey(ours);
        token.deleteKey(theirs);
    }
}
