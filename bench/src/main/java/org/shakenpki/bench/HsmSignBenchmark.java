package org.shakenpki.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The limit of PASSporT signing: raw ES256 ({@code SHA256withECDSAinP1363Format}) signatures through
 * SunPKCS11 on a SoftHSM2 token made by {@code hsm-config/create-tokens.sh}, with a P-256 key generated on
 * the token. The token comes from the system properties {@code bench.hsm.cfg} (SunPKCS11 configuration) and
 * {@code bench.hsm.pin-file}; {@code SOFTHSM2_CONF} must be set in the environment.
 */
public class HsmSignBenchmark {

    /** A PASSporT signing input of the usual size (header and claims, base64url). */
    static final byte[] SIGNING_INPUT = ("eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9s"
            + "b2NhbGhvc3Q6ODQ0My9zdGktY3IvY2VydGlmaWNhdGVzLzEyMzQucGVtIn0.eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyIxMjE1NTU1"
            + "MDEzMSJdfSwiaWF0IjoxNzAwMDAwMDAwLCJvcmlnIjp7InRuIjoiMTIxNTU1NTAxMjEifSwib3JpZ2lkIjoiMTIzZTQ1NjctZTg5Yi0xMmQz"
            + "LWE0NTYtNDI2NjE0MTc0MDAwIn0").getBytes(StandardCharsets.US_ASCII);

    /** The token, logged in once, and a key pair on it. */
    @State(Scope.Benchmark)
    public static class Token {
        Provider provider;
        KeyPair key;

        @Setup
        public void open() throws Exception {
            String cfg = System.getProperty("bench.hsm.cfg");
            String pinFile = System.getProperty("bench.hsm.pin-file");
            if (cfg == null || pinFile == null) {
                throw new IllegalStateException("set bench.hsm.cfg and bench.hsm.pin-file");
            }
            provider = Security.getProvider("SunPKCS11").configure(cfg);
            KeyStore.getInstance("PKCS11", provider).load(null, Files.readString(Path.of(pinFile)).strip().toCharArray());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        }
    }

    /** A Signature is not thread-safe: one per benchmark thread, initialised once. */
    @State(Scope.Thread)
    public static class Signer {
        Signature signature;

        @Setup
        public void init(Token token) throws GeneralSecurityException {
            signature = Signature.getInstance("SHA256withECDSAinP1363Format", token.provider);
            signature.initSign(token.key.getPrivate());
        }
    }

    @Benchmark
    public byte[] sign(Signer signer) throws GeneralSecurityException {
        signer.signature.update(SIGNING_INPUT);
        return signer.signature.sign();
    }
}
