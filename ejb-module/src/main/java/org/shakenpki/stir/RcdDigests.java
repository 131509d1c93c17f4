package org.shakenpki.stir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The integrity digests of the {@code rcdi} claim (RFC 9795 section 5.2.1): a string in the form of W3C Subresource
 * Integrity metadata, the hash algorithm's name, a hyphen and the base64 of the digest, such as
 * {@code sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=}. This STI-AS writes SHA-256 with standard
 * base64 (RFC 4648 section 4, padded); the STI-VS also accepts {@code sha384} and {@code sha512}, and the
 * digest base64url-encoded or without padding, since only the digest's bytes are compared.
 */
final class RcdDigests {
    private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private RcdDigests() {
    }

    /** The SHA-256 digest string of some content. */
    static String sri(byte[] content) {
        return "sha256-" + Base64.getEncoder().encodeToString(hash("SHA-256", content));
    }

    /** The SHA-256 digest string of a JSON value in its RFC 8785 canonical form (the {@code jcd} digest). */
    static String sriOfJson(Object value) {
        return sri(Jcs.write(value).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code digest} is the digest of {@code content}.
     *
     * @throws IllegalArgumentException if {@code digest} is not a digest string of a supported algorithm
     */
    static boolean matches(String digest, byte[] content) {
        int hyphen = digest.indexOf('-');
        String algorithm = hyphen < 0 ? null : ALGORITHMS.get(digest.substring(0, hyphen).toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw new IllegalArgumentException("the digest " + abbreviated(digest) + " does not name sha256, sha384 or sha512");
        }
        byte[] expected;
        try {
            String encoded = digest.substring(hyphen + 1).replace('-', '+').replace('_', '/');
            expected = Base64.getDecoder().decode(encoded.length() % 4 == 0 ? encoded : encoded + "==".substring(0, 4 - encoded.length() % 4));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the digest " + abbreviated(digest) + " is not base64");
        }
        return MessageDigest.isEqual(expected, hash(algorithm, content));
    }

    private static byte[] hash(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String digest) {
        return digest.length() > 24 ? digest.substring(0, 24) + "..." : digest;
    }
}
