package org.shakenpki.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What {@link Metrics} records for each event, and that it records nothing and fails nothing when unbound. */
class MetricsTest {
    private final List<String> events = new ArrayList<>();
    private final Recorder recording = new Recorder() {
        @Override
        public void count(Meter meter, String... tagValues) {
            events.add(meter.metricName() + String.join(",", List.of(tagValues)));
        }

        @Override
        public void time(Meter meter, long nanos, String... tagValues) {
            events.add(meter.metricName() + ":time" + String.join(",", List.of(tagValues)));
        }
    };

    @AfterEach
    void unbind() {
        Metrics.unbind(recording);
    }

    @Test
    void aSigningIsCountedByItsResultAndItsOutcomeIsPassedOn() {
        Metrics.bind(recording);
        assertEquals("identity", Metrics.signature("shaken", "A", () -> "identity"));
        ProblemException refused = new ProblemException(ProblemType.FORBIDDEN, "beyond the key");
        assertThrows(ProblemException.class, () -> Metrics.signature("shaken", "B", () -> {
            throw refused;
        }));
        assertThrows(IllegalStateException.class, () -> Metrics.signature("div", "none", () -> {
            throw new IllegalStateException("token gone");
        }));
        assertEquals(List.of("shakenpki_as_signaturesshaken,A,signed", "shakenpki_as_signaturesshaken,B,forbidden",
                "shakenpki_as_signaturesdiv,none,error"), events);
    }

    @Test
    void aTkAuthRefusalCountsTheAuthorizationAndItsProblemType() {
        Metrics.bind(recording);
        Metrics.tkAuth(null);
        Metrics.tkAuth(ProblemType.INCORRECT_RESPONSE);
        assertEquals(List.of("shakenpki_acme_authorizationsvalid", "shakenpki_acme_authorizationsinvalid",
                "shakenpki_acme_tkauth_failuresincorrectResponse"), events);
    }

    @Test
    void problemTypesBecomeTheLastPartOfTheirUri() {
        assertEquals("unauthorized", Metrics.reason(ProblemType.UNAUTHORIZED));
        assertEquals("service-unavailable", Metrics.reason(ProblemType.SERVICE_UNAVAILABLE));
    }

    @Test
    void unboundMetricsRecordNothing() {
        Metrics.bind(recording);
        Metrics.unbind(recording);
        Metrics.verification("TN-Validation-Passed", "none", System.nanoTime());
        assertEquals("x", Metrics.signature("shaken", "A", () -> "x"));
        assertEquals(List.of(), events);
    }

    @Test
    void aMeterRefusesTheWrongNumberOfTagValues() {
        assertThrows(IllegalArgumentException.class, () -> RegistryRecorder.tags(Meter.VS_VERIFICATIONS, "TN-Validation-Passed"));
        assertEquals("none", RegistryRecorder.tags(Meter.X5U_CACHE, "")[0].getTagValue());
    }
}
