package org.shakenpki.stir;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PASSporTs no signer sends, through the whole verifier: each must end as a verification failure (a result),
 * never as an exception the web tier would turn into a 500.
 */
class HostilePassportsTest {
    private static final Instant NOW = Instant.parse("2025-01-03T00:00:00Z");
    private static final String FROM = "12155550121";
    private static final String TO = "12155550131";
    private static final String X5U = StirVectors.X5U;
    private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);

    private final PassportVerifier verifier = new PassportVerifier(Clock.fixed(NOW, ZoneOffset.UTC),
            new VerifierPolicy(Duration.ofSeconds(60), Set.of(443), false), StirVectors.credentials(), StirVectors.stiPa(NOW));

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(String extra) {
        return "{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"" + X5U + "\"" + extra + "}";
    }

    private static String payload(String iat) {
        return "{\"attest\":\"A\",\"dest\":{\"tn\":[\"" + TO + "\"]},\"iat\":" + iat + ",\"orig\":{\"tn\":\"" + FROM
                + "\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}";
    }

    private VerificationResult verify(String header, String payload, Instant time) {
        String identity = b64(header) + "." + b64(payload) + ".AAAA;info=<" + X5U + ">;alg=ES256;ppt=shaken";
        return verifier.verify(new VerificationRequest(FROM, List.of(TO), time, identity));
    }

    @Test
    void absurdIatsAreStaleDatesWithOrWithoutARequestTime() {
        for (String iat : new String[] {"100000000000000000", "1e17", "1e300", "-1", "-9223372036854775808"}) {
            for (Instant time : new Instant[] {null, NOW, Instant.ofEpochSecond(NumericDates.LATEST)}) {
                VerificationResult result = verify(header(""), payload(iat), time);
                assertEquals(Failure.STALE_DATE, result.failure(), iat + " " + time + ": " + result.reason());
                assertEquals(Verstat.TN_VALIDATION_FAILED, result.verstat());
            }
        }
        assertEquals(Failure.INVALID_IDENTITY_HEADER, verify(header(""), payload("1e400"), NOW).failure());
        assertEquals(Failure.INVALID_IDENTITY_HEADER, verify(header(""), payload("1.5"), NOW).failure());
    }

    @Test
    void deepHeadersAndPayloadsAreInvalidIdentityHeaders() {
        assertEquals(Failure.INVALID_IDENTITY_HEADER, verify(header(",\"x\":" + DEEP), payload("1735693200"), NOW).failure());
        assertEquals(Failure.INVALID_IDENTITY_HEADER, verify(header(""), "{\"attest\":" + DEEP + "}", NOW).failure());
        assertEquals(Failure.INVALID_IDENTITY_HEADER, verify(header(""), DEEP, NOW).failure());
    }
}
