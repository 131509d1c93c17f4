package org.shakenpki.stir;

import org.bouncycastle.crypto.digests.SHA256Digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * STI-AS API key secrets: 256 random bits, base64url, with a prefix that tells an operator (and a secret
 * scanner) what the string is. Only their SHA-256 is stored: a secret of 256 random bits needs no salt or slow
 * hash, since nobody can search its space, and a plain digest keeps the lookup a single indexed read.
 */
public final class ApiKeySecrets {
    /** The prefix of every secret, so a leaked one is recognisable. */
    public static final String PREFIX = "shakenas_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A new secret, to be shown once to the administrator who created the key. */
    public static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The lowercase hex SHA-256 of a presented secret: what the key is stored and looked up by. */
    public static String sha256Hex(String secret) {
        byte[] input = secret.getBytes(StandardCharsets.UTF_8);
        // BouncyCastle's digest directly: MessageDigest.getInstance searches the providers on every call, which
        // was most of the cost of authenticating a signing request
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return HexFormat.of().formatHex(hash);
    }

    /** Compares two digests without a timing difference that depends on where they first differ. */
    static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
