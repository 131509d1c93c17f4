package org.shakenpki.pkix;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Key fingerprints in the {@code atc.fingerprint} form of RFC 9448 section 5.4: {@code "SHA256 AA:BB:..."}.
 *
 * <p>Two inputs are in use: the RFC 7638 JWK thumbprint that RFC 9448 names (through RFC 8555 section 8.1),
 * and SHA-256 over the DER SubjectPublicKeyInfo that the deployed STI-PA and STI-CAs compute (see
 * docs/interop.md). {@link #match} accepts both, in any hex case, and says which one matched.
 */
public final class Fingerprints {

    /** Which computation a fingerprint was made with. */
    public enum Form { JWK_THUMBPRINT, SPKI_SHA256 }

    private Fingerprints() {
    }

    /** The RFC 7638 thumbprint (SHA-256) of a public key as a JWK. */
    public static byte[] jwkThumbprint(PublicKey key) {
        try {
            return toJwk(key).computeThumbprint("SHA-256").decode();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute the JWK thumbprint", e);
        }
    }

    /** The RFC 7638 thumbprint (SHA-256) of a JWK, base64url: the account key identity of RFC 8555 section 8.1. */
    public static String jwkThumbprintBase64Url(JWK jwk) {
        try {
            return jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute the JWK thumbprint", e);
        }
    }

    /** SHA-256 over the DER SubjectPublicKeyInfo. */
    public static byte[] spkiSha256(PublicKey key) {
        return sha256(key.getEncoded());
    }

    /** {@code "SHA256 "} followed by the digest as colon-separated uppercase hex (RFC 9448 section 5.4). */
    public static String format(byte[] digest) {
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        return "SHA256 " + hex;
    }

    /**
     * Which form, if any, a presented fingerprint has for this key. The algorithm name is {@code SHA256}
     * (RFC 9448 section 10 names no other; {@code SHA-256} is accepted as well); hex digits in any case,
     * with or without colons.
     */
    public static Optional<Form> match(String fingerprint, PublicKey key) {
        Optional<byte[]> digest = parse(fingerprint);
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(digest.get(), jwkThumbprint(key))) {
            return Optional.of(Form.JWK_THUMBPRINT);
        }
        if (MessageDigest.isEqual(digest.get(), spkiSha256(key))) {
            return Optional.of(Form.SPKI_SHA256);
        }
        return Optional.empty();
    }

    /** The digest of a fingerprint text, or empty if it is not a SHA-256 fingerprint. */
    public static Optional<byte[]> parse(String fingerprint) {
        if (fingerprint == null) {
            return Optional.empty();
        }
        String[] parts = fingerprint.strip().split("\\s+", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String algorithm = parts[0].toUpperCase(Locale.ROOT);
        if (!algorithm.equals("SHA256") && !algorithm.equals("SHA-256")) {
            return Optional.empty();
        }
        String hex = parts[1].replace(":", "");
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().parseHex(hex));
    }

    static JWK toJwk(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
