package org.shakenpki.bench;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * The same raw ES256 verification as {@link VerifyBenchmark} through BouncyCastle's provider with the key in
 * its form: what the server's STI-VS verifies PASSporTs with (org.shakenpki.pkix.SignatureVerification), so
 * the limit to compare the HTTP rate with.
 */
public class VerifyBcBenchmark {
    private static final Provider BC = new BouncyCastleProvider();

    /** One Signature per thread, initialised once with the key in BouncyCastle's form. */
    @State(Scope.Thread)
    public static class Verifier {
        Signature verifier;

        @Setup
        public void init(VerifyBenchmark.Signed signed) throws GeneralSecurityException {
            PublicKey key = KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(signed.key.getPublic().getEncoded()));
            verifier = Signature.getInstance("SHA256withECDSAinP1363Format", BC);
            verifier.initVerify(key);
        }
    }

    @Benchmark
    public boolean verify(VerifyBenchmark.Signed signed, Verifier verifier) throws GeneralSecurityException {
        verifier.verifier.update(HsmSignBenchmark.SIGNING_INPUT);
        boolean valid = verifier.verifier.verify(signed.signature);
        if (!valid) {
            throw new IllegalStateException("the signature does not verify");
        }
        return valid;
    }
}
