package org.shakenpki.sks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key-store contract on SoftHSM2, the library of the embedded default and of every test run: the {@code kms}
 * token that {@code hsm-config/create-tokens.sh} makes fresh for the build (see the ejb-module pom). Always runs;
 * SoftHSM2 is a build prerequisite. Adds what is particular to SoftHSM2: random slot ids, and a file store shared by
 * processes.
 */
class SoftHsm2TokenTest extends KeyStoreTokenContract {

    @Override
    protected TokenSettings settings() {
        return TestTokens.settings("kms");
    }

    @Test
    void resolvesTheLabelToTheSlotTheScriptReported() throws IOException {
        String cfg = Files.readString(Path.of(System.getProperty("test.hsm.dir"), "sunpkcs11-kms.cfg"));
        long slot = Pkcs11Slots.slotOf(TestTokens.property("sks.kms.library"), "shaken-kms");
        assertTrue(cfg.contains("slot = " + slot + "\n"), "script and Java disagree on the slot: " + cfg);
        assertTrue(token.status().online());
        assertEquals(slot, token.status().slot());
    }

    @Test
    void seesAKeyAnotherProcessMadeEvenAfterWritingItself() throws Exception {
        // Another node's process writes, then this one writes before it looks: SoftHSM2's file store would then
        // hide the other's key from this process (see Pkcs11Token.reloadObjectList).
        String theirs = newAlias();
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
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

    @Test
    void holdsAnImportedMacKeyThatComputesMacsAndCannotBeReadBack() throws Exception {
        String alias = newAlias();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        token.importMacKey(alias, key);
        try {
            byte[] data = "protected.payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            javax.crypto.Mac software = javax.crypto.Mac.getInstance("HmacSHA256");
            software.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            byte[] mac = software.doFinal(data);
            assertTrue(token.verifyMac(alias, data, mac));
            mac[0] ^= 1;
            assertFalse(token.verifyMac(alias, data, mac), "a wrong MAC");
            assertFalse(token.verifyMac(newAlias(), data, software.doFinal(data)), "no such key");
            // the token itself says the key is CKA_SENSITIVE and not CKA_EXTRACTABLE (pkcs11-tool prints the Access
            // attributes; an imported key is never "always sensitive" nor "never extractable", which say how it began)...
            String block = Pkcs11Tool.secretKeyBlock(Pkcs11Tool.listSecretKeys(settings()), alias);
            String access = block.lines().filter(line -> line.strip().startsWith("Access:")).findFirst().orElse("");
            assertTrue(access.matches("\\s*Access:\\s+sensitive(,.*)?"), block);
            assertFalse(access.matches(".*(?<!never )extractable.*"), "the key is extractable: " + block);
            // ...and refuses its value to a process that has the PIN, for that reason (CKR_ATTRIBUTE_SENSITIVE)
            Pkcs11Tool.Result read = Pkcs11Tool.readSecretKey(settings(), alias);
            assertNotEquals(0, read.exitCode(), "the token gave out the MAC key: " + read.output());
            assertTrue(read.output().contains("CKR_ATTRIBUTE_SENSITIVE"), read.output());
            assertFalse(read.output().contains(new String(key, java.nio.charset.StandardCharsets.ISO_8859_1)), "the key's bytes were printed");
            // and SunPKCS11 gives no encoding, so not even this process can read it
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS11", token.provider());
            store.load(null, settings().readPin());
            assertNull(store.getKey(alias, null).getEncoded());
            assertTrue(token.holdsMacKey(alias));
            assertThrows(org.shakenpki.problem.ProblemException.class, () -> token.importMacKey(alias, key), "alias taken");
        } finally {
            token.deleteKey(alias);
        }
        assertFalse(token.holdsMacKey(alias));
        assertFalse(token.verifyMac(alias, "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[32]));
    }
}
