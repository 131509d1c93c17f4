package org.shakenpki.sks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every PKCS#11 library that holds shaken-pki keys must do, through {@link Pkcs11Token} and SunPKCS11: the
 * Secure Key Store of ATIS-1000080 section 5.3.1 (keys generated on the token, never leaving it). A subclass names a
 * token on one library ({@link #settings()}); the same tests then run on each implementation:
 *
 * <ul>
 *   <li>EC P-256 key pairs are generated on the token, sensitive and not extractable (PKCS#11 v2.40 section 4.9:
 *       {@code CKA_SENSITIVE}, {@code CKA_EXTRACTABLE}), as Java and the library itself (OpenSC's {@code pkcs11-tool})
 *       both report;</li>
 *   <li>signatures in both encodings verify with the public key: DER for X.509 (RFC 5480 section 2.2), R||S for
 *       ES256 (RFC 7518 section 3.4);</li>
 *   <li>a key is found by its alias after a restart (a new provider and login on the same token), and by a login
 *       that was there before the key was made (another node of a cluster);</li>
 *   <li>deleting a key removes every object it had and leaves the others usable;</li>
 *   <li>one key signs from many threads at once;</li>
 *   <li>an absent token (unknown label or slot) and a wrong PIN fail at once with a message naming the token and
 *       the library's reason; the right PIN still works after a wrong one.</li>
 * </ul>
 * Subclasses add what is particular to their library. docs/deployment.md lists how the libraries differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyStoreTokenContract {
    /** The order n of the P-256 base point (SEC 2 section 2.4.2), which no other 256-bit curve shares. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final Duration PROMPTLY = Duration.ofSeconds(15);
    private static final String ES256 = "SHA256withECDSAinP1363Format";
    private static final String DER = "SHA256withECDSA";
    private static final java.security.Provider VERIFIER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** The token under test, opened by the first test of the class. */
    protected Pkcs11Token token;

    /**
     * A token on the library under test whose PIN these settings read; its keys are the tests' to create and delete.
     * When the library is not there it may skip every test (JUnit assumption) or fail them.
     */
    protected abstract TokenSettings settings();

    /** Before each test rather than once, so that a library that is not there shows as skipped (or failed) tests. */
    @BeforeEach
    void openToken() {
        if (token == null) {
            token = Pkcs11Token.open(settings());
        }
    }

    /** How many threads sign at once (a request pool's worth by default). */
    protected int threads() {
        return 8;
    }

    /** How many signatures each thread makes; the default suits a library that signs in microseconds. */
    protected int signaturesPerThread() {
        return 200;
    }

    protected static String newAlias() {
        return "contract-" + UUID.randomUUID();
    }

    @Test
    void generatesANonExtractableP256Key() throws Exception {
        String alias = newAlias();
        ECPublicKey publicKey = (ECPublicKey) token.createKey(alias).publicKey();
        assertEquals(P256_ORDER, publicKey.getParams().getOrder(), "the key is on P-256");

        KeyStore keyStore = KeyStore.getInstance("PKCS11", token.provider());
        keyStore.load(null, settings().readPin());
        PrivateKey privateKey = (PrivateKey) keyStore.getKey(alias, null);
        assertNull(privateKey.getEncoded(), "a sensitive token key exposes no encoding");
        assertThrows(InvalidKeySpecException.class,
                () -> KeyFactory.getInstance("EC", token.provider()).getKeySpec(privateKey, ECPrivateKeySpec.class),
                "the token refuses to reveal the private value");

        String block = Pkcs11Tool.objectBlock(Pkcs11Tool.listPrivateKeys(settings()), alias);
        assertTrue(block.contains("always sensitive"), block);
        assertTrue(block.contains("never extractable"), block);
        token.deleteKey(alias);
    }

    @Test
    void signsEs256AndDerSignaturesThatVerifyWithThePublicKey() throws Exception {
        String alias = newAlias();
        PublicKey publicKey = token.createKey(alias).publicKey();
        byte[] data = "PASSporT signing input".getBytes(StandardCharsets.US_ASCII);
        Signer signer = token.signer(alias);

        byte[] raw = signer.signRaw(data);
        assertEquals(64, raw.length, "ES256 is R||S, 32 bytes each");
        assertTrue(verifies(ES256, publicKey, data, raw));
        assertFalse(verifies(ES256, publicKey, "tampered".getBytes(StandardCharsets.US_ASCII), raw));

        byte[] der = signer.signDer(data);
        assertEquals(0x30, der[0], "an ECDSA-Sig-Value is a DER SEQUENCE");
        assertTrue(verifies(DER, publicKey, data, der));
        assertTrue(verifies(DER, token.publicKey(alias), data, der));
        assertArrayEquals(publicKey.getEncoded(), signer.publicKey().getEncoded());
        token.deleteKey(alias);
    }

    @Test
    void findsAKeyByItsAliasAfterARestart() {
        String alias = newAlias();
        PublicKey created = token.createKey(alias).publicKey();

        Pkcs11Token restarted = Pkcs11Token.open(settings());
        assertTrue(restarted.aliases().contains(alias));
        assertArrayEquals(created.getEncoded(), restarted.findKey(alias).orElseThrow().publicKey().getEncoded());
        byte[] data = {4, 5, 6};
        assertTrue(verifies(ES256, created, data, restarted.signer(alias).signRaw(data)));
        assertTrue(restarted.status().online());
        assertEquals(token.status().slot(), restarted.status().slot());
        restarted.deleteKey(alias);
    }

    @Test
    void findsAKeyThatAnotherLoginCreatedAfterThisOne() {
        // a second provider on the same token stands for another node of a cluster
        Pkcs11Token other = Pkcs11Token.open(settings());
        String alias = newAlias();
        assertTrue(token.findKey(alias).isEmpty());
        PublicKey created = other.createKey(alias).publicKey();
        assertArrayEquals(created.getEncoded(), token.findKey(alias).orElseThrow().publicKey().getEncoded());
        byte[] data = {7, 8, 9};
        assertTrue(verifies(ES256, created, data, token.signer(alias).signRaw(data)));
        other.deleteKey(alias);
    }

    @Test
    void deletingAKeyRemovesEveryObjectItHad() throws Exception {
        long before = Pkcs11Tool.countObjects(settings());
        String alias = newAlias();
        token.createKey(alias);
        assertTrue(token.aliases().contains(alias));
        token.deleteKey(alias);

        assertFalse(token.aliases().contains(alias));
        assertTrue(token.findKey(alias).isEmpty());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ProblemException.class, () -> token.signer(alias)).type());
        assertTrue(Pkcs11Token.open(settings()).findKey(alias).isEmpty(), "gone after a restart too");
        assertEquals(before, Pkcs11Tool.countObjects(settings()), "no object of the key is left on the token");
    }

    @Test
    void deletingOneKeyLeavesTheOthersUsable() {
        String kept = newAlias();
        String dropped = newAlias();
        PublicKey keptKey = token.createKey(kept).publicKey();
        token.createKey(dropped);
        token.deleteKey(dropped);
        byte[] data = {1, 2, 3};
        assertTrue(verifies(ES256, keptKey, data, token.signer(kept).signRaw(data)));
        assertTrue(Pkcs11Token.open(settings()).findKey(kept).isPresent());
        token.deleteKey(kept);
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
    void signsFromManyThreadsAtOnce() throws Exception {
        String alias = newAlias();
        PublicKey publicKey = token.createKey(alias).publicKey();
        int perThread = signaturesPerThread();
        ExecutorService threads = Executors.newFixedThreadPool(threads());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> verified = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                int thread = t;
                verified.add(threads.submit(() -> {
                    start.await();
                    Signer signer = token.signer(alias); // each thread asks for its own, as request threads do
                    int count = 0;
                    for (int i = 0; i < perThread; i++) {
                        byte[] data = ("thread " + thread + " message " + i).getBytes(StandardCharsets.US_ASCII);
                        boolean der = i % 2 == 0;
                        byte[] signature = der ? signer.signDer(data) : signer.signRaw(data);
                        if (verifies(der ? DER : ES256, publicKey, data, signature)) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            start.countDown();
            int total = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                int sum = 0;
                for (Future<Integer> future : verified) {
                    sum += future.get();
                }
                return sum;
            });
            assertEquals(threads() * perThread, total, "every signature verifies");
        } finally {
            threads.shutdownNow();
        }
        token.deleteKey(alias);
    }

    @Test
    void anUnknownLabelIsReportedByName() {
        TokenSettings absent = withLabel("no-such-token", settings().pinFile());
        var error = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(IllegalStateException.class, () -> Pkcs11Token.open(absent)));
        assertTrue(error.getMessage().contains("no-such-token"), error.getMessage());
    }

    @Test
    void anEmptySlotIsReportedWithTheTokenAndSlot() {
        TokenSettings base = settings();
        TokenSettings absent = new TokenSettings(base.role(), base.library(), "no-such-token", OptionalLong.of(424242),
                base.pinFile(), base.pinEnv());
        var error = assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(IllegalStateException.class, () -> Pkcs11Token.open(absent)));
        assertTrue(error.getMessage().contains("no-such-token") && error.getMessage().contains("424242"), error.getMessage());
        assertTrue(error.getMessage().contains("CKR_SLOT_ID_INVALID"), error.getMessage());
    }

    @Test
    void aWrongPinIsReportedByNameAndTheRightOneStillWorks(@TempDir Path dir) throws Exception {
        TokenSettings right = settings();
        Path wrongPin = Files.writeString(dir.resolve("wrong.pin"), "0000" + UUID.randomUUID().toString().substring(0, 4));
        Path rightPin = dir.resolve("right.pin");
        Files.writeString(rightPin, new String(right.readPin()));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LoginInAnotherProcess.class.getName(),
                right.role(), right.library(), right.label(), wrongPin.toString(), rightPin.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PROMPTLY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("logging in with a wrong PIN hung");
        }
        List<String> lines = output.lines().toList();
        assertEquals(2, lines.size(), output);
        assertTrue(lines.get(0).startsWith("refused: cannot log in to token " + right.label()), output);
        assertTrue(lines.get(0).contains("CKR_PIN_INCORRECT"), output);
        assertEquals("opened", lines.get(1), "the right PIN still works after a wrong one");
    }

    private TokenSettings withLabel(String label, Optional<Path> pinFile) {
        TokenSettings base = settings();
        return new TokenSettings(base.role(), base.library(), label, OptionalLong.empty(), pinFile,
                pinFile.isPresent() ? Optional.empty() : base.pinEnv());
    }

    /** Verifies with BouncyCastle: an implementation of its own, and faster than SunEC for the many-thread test. */
    private static boolean verifies(String algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(
                    algorithm.equals(ES256) ? "SHA256withPLAIN-ECDSA" : algorithm, VERIFIER);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("cannot verify with " + algorithm, e);
        }
    }
}
