package org.shakenpki.ca;

import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A bound account is issued only its subscriber's SPCs, and nothing while the subscriber is suspended. */
class SubscriberScopeTest {
    private final CaSubscriber subscriber = new CaSubscriber("acme", "AcmeTelecom, Inc.",
            new SubscriberInfo.Subject("AcmeTelecom, Inc.", "US", null, null, null), List.of("1234", "5678"), "mailto:noc@acme.example",
            OffsetDateTime.now());

    @Test
    void anSpcTheSubscriberServesPasses() {
        assertDoesNotThrow(() -> SubscriberScope.require(subscriber, TNAuthList.ofSpc("5678")));
    }

    @Test
    void anUnboundAccountIsNotLimited() {
        assertDoesNotThrow(() -> SubscriberScope.require(null, TNAuthList.ofSpc("9999")));
    }

    @Test
    void anotherSpcIsRejectedEvenWithAValidToken() {
        ProblemException e = assertThrows(ProblemException.class, () -> SubscriberScope.require(subscriber, TNAuthList.ofSpc("9999")));
        assertEquals(ProblemType.REJECTED_IDENTIFIER, e.type());
    }

    @Test
    void aSuspendedSubscriberGetsNothing() {
        subscriber.changeState(CaSubscriber.State.SUSPENDED);
        ProblemException e = assertThrows(ProblemException.class, () -> SubscriberScope.require(subscriber, TNAuthList.ofSpc("1234")));
        assertEquals(ProblemType.UNAUTHORIZED, e.type());
    }
}
