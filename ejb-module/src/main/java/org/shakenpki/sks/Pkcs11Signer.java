package org.shakenpki.sks;

import org.shakenpki.metrics.Metrics;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A {@link Signer} over a SunPKCS11 private-key handle. A {@link Signature} object is not thread-safe, so
 * each call takes its own; the key handle and provider are shared.
 */
final class Pkcs11Signer implements Signer {
    private final String keyId;
    /** The token's role name ({@code pa}, {@code ca}, {@code kms}): the key id's prefix. */
    private final String token;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Provider provider;

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
        return sign("SHA256withECDSA", data);
    }

    @Override
    public byte[] signRaw(byte[] data) {
        return sign("SHA256withECDSAinP1363Format", data);
    }

    private byte[] sign(String algorithm, byte[] data) {
        long started = System.nanoTime();
        try {
            Signature signature = Signature.getInstance(algorithm, provider);
            signature.initSign(privateKey);
            signature.update(data);
            byte[] signed = signature.sign();
            Metrics.hsmSignature(token, started);
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + keyId + " failed", e);
        }
    }
}
