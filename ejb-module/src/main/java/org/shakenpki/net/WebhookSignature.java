package org.shakenpki.net;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signature of the SP-KMS's notifications to a signing service, one place for the sender and the receiver:
 * the header {@code X-Shaken-Pki-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">} (RFC 2104 HMAC,
 * FIPS 180-4 SHA-256) keyed with a secret both sides hold. The time in the signed text lets the receiver refuse
 * a recorded notification played again later; the MAC over the exact body lets it refuse any change to it.
 */
public final class WebhookSignature {
    /** The HTTP header that carries the signature. */
    public static final String HEADER = "X-Shaken-Pki-Signature";
    private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    private WebhookSignature() {
    }

    /** Why a notification's signature was refused. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The header value for a body sent at {@code now}. */
    public static String sign(String secret, Instant now, String body) {
        String timestamp = Long.toString(now.getEpochSecond());
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(secret, timestamp + "." + body));
    }

    /**
     * Checks a header value against the body received at {@code now}.
     *
     * @return the signing time, for ordering notifications
     * @throws Refused when the header is missing or malformed, the MAC does not match the body, or the signing
     *                 time is more than {@code tolerance} away from {@code now}
     */
    public static Instant verify(String header, String secret, String body, Instant now, Duration tolerance) throws Refused {
        if (header == null) {
            throw new Refused("no " + HEADER + " header");
        }
        Matcher parts = FORMAT.matcher(header.strip());
        if (!parts.matches()) {
            throw new Refused(HEADER + " is not t=<unix time>,v1=<64 hex digits>");
        }
        byte[] expected = mac(secret, parts.group(1) + "." + body);
        // constant time: a comparison that stops at the first difference tells an attacker how much was right
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.group(2)))) {
            throw new Refused("the signature does not match the body");
        }
        Instant signed = Instant.ofEpochSecond(Long.parseLong(parts.group(1)));
        if (Duration.between(signed, now).abs().compareTo(tolerance) > 0) {
            throw new Refused("the signature was made at " + signed + ", more than " + tolerance + " from now");
        }
        return signed;
    }

    private static byte[] mac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
