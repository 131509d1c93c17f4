package org.shakenpki.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The limit of PASSporT verification: raw JCA {@code SHA256withECDSAinP1363Format} P-256 verifications (the
 * default provider, SunEC on JDK 17) of one ES256 signature.
 */
public class VerifyBenchmark {

    /** A key pair and one signature over a PASSporT-sized input. */
    @State(Scope.Benchmark)
    public static class Signed {
        KeyPair key;
        byte[] signature;

        @Setup
        public void sign() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.getPrivate());
            signer.update(HsmSignBenchmark.SIGNING_INPUT);
            signature = signer.sign();
        }
    }

    /** One Signature per thread, initialised once. */
    @State(Scope.Thread)
    public static class Verifier {
        Signature verifier;

        @Setup
        public void init(Signed signed) throws GeneralSecurityException {
            verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(signed.key.getPublic());
        }
    }

    @Benchmark
    public boolean verify(Signed signed, Verifier verifier) throws GeneralSecurityException {
        verifier.verifier.update(HsmSignBenchmark.SIGNING_INPUT);
        boolean valid = verifier.verifier.verify(signed.signature);
        if (!valid) {
            throw new IllegalStateException("the signature does not verify");
        }
        return valid;
    }
}
