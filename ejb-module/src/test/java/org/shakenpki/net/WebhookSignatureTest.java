package org.shakenpki.net;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The SP-KMS notification signature, as sender and receiver share it. */
class WebhookSignatureTest {
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String BODY = "{\"event\":\"credential.issued\",\"spc\":\"1234\"}";

    @Test
    void theHeaderIsTheHmacOfTimeDotBody() {
        // computed independently: printf '%s' '1796126400.<BODY>' | openssl dgst -sha256 -hmac secret
        String header = WebhookSignature.sign("secret", AT, BODY);

        assertEquals("t=1796126400,v1=" + OpenSsl.HMAC, header);
        assertEquals(AT, assertDoesNotThrowVerify(header, "secret", BODY, AT.plusSeconds(299)));
    }

    @Test
    void refusesAnotherSecretAChangedBodyAStaleTimeAndMalformedHeaders() {
        String header = WebhookSignature.sign("secret", AT, BODY);

        assertEquals("the signature does not match the body", refusal(header, "other", BODY, AT));
        assertEquals("the signature does not match the body", refusal(header, "secret", BODY.replace("1234", "5678"), AT));
        assertEquals("the signature does not match the body",
                refusal(header.replace("t=1796126400", "t=1796126460"), "secret", BODY, AT));
        assertEquals("the signature was made at 2026-12-01T12:00:00Z, more than PT5M from now",
                refusal(header, "secret", BODY, AT.plus(Duration.ofMinutes(6))));
        assertEquals("the signature was made at 2026-12-01T12:00:00Z, more than PT5M from now",
                refusal(header, "secret", BODY, AT.minus(Duration.ofMinutes(6))));
        assertEquals("no X-Shaken-Pki-Signature header", refusal(null, "secret", BODY, AT));
        assertEquals("X-Shaken-Pki-Signature is not t=<unix time>,v1=<64 hex digits>",
                refusal("v1=" + OpenSsl.HMAC, "secret", BODY, AT));
        assertEquals("X-Shaken-Pki-Signature is not t=<unix time>,v1=<64 hex digits>",
                refusal(header + ",v0=00", "secret", BODY, AT));
    }

    private static Instant assertDoesNotThrowVerify(String header, String secret, String body, Instant now) {
        try {
            return WebhookSignature.verify(header, secret, body, now, TOLERANCE);
        } catch (WebhookSignature.Refused e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static String refusal(String header, String secret, String body, Instant now) {
        return assertThrows(WebhookSignature.Refused.class,
                () -> WebhookSignature.verify(header, secret, body, now, TOLERANCE)).getMessage();
    }

    /** The expected MAC, from openssl (see the first test). */
    private static final class OpenSsl {
        static final String HMAC = "731497b82d47c556007887e669016f1a88ef8d4b06cc5973b24e9f3a44839682";
    }
}
