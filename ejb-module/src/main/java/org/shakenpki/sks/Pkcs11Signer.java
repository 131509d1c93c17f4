package org.shakenpki.sks;

import org.shakenpki.metrics.Metrics;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A {@link Signer} over a SunPKCS11 private-key handle. A {@link Signature} object is not thread-safe, so each
 * thread keeps its own, initialised with the key once: {@code Signature.getInstance} searches the provider's
 * services on every call (a tenth of an STI-AS signing request's time in a JFR profile), and a SunPKCS11
 * signature returns to its initialised state after {@code sign()}, so the next call starts with {@code C_SignInit}
 * as a new object would. The key handle and provider are shared.
 */
final class Pkcs11Signer implements Signer {
    private final String keyId;
    /** The token's role name ({@code pa}, {@code ca}, {@code kms}): the key id's prefix. */
    private final String token;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Provider provider;
    private final ThreadLocal<Signature> der = ThreadLocal.withInitial(() -> initialised("SHA256withECDSA"));
    private final ThreadLocal<Signature> raw = ThreadLocal.withInitial(() -> initialised("SHA256withECDSAinP1363Format"));

    Pkcs11Signer(String keyId, PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        this.keyId = keyId;
        this.token = keyId.substring(0, Math.max(0, keyId.indexOf(':')));
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.provider = provider;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] signDer(byte[] data) {
        return sign(der, data);
    }

    @Override
    public byte[] signRaw(byte[] data) {
        return sign(raw, data);
    }

    private byte[] sign(ThreadLocal<Signature> perThread, byte[] data) {
        long started = System.nanoTime();
        Signature signature = perThread.get();
        try {
            signature.update(data);
            byte[] signed = signature.sign();
            Metrics.hsmSignature(token, started);
            return signed;
        } catch (GeneralSecurityException | RuntimeException e) {
            perThread.remove(); // a failed operation may leave the object in any state: the next call starts afresh
            throw new IllegalStateException("signing with " + keyId + " failed", e);
        }
    }

    private Signature initialised(String algorithm) {
        try {
            Signature signature = Signature.getInstance(algorithm, provider);
            signature.initSign(privateKey);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + keyId + " failed", e);
        }
    }
}
