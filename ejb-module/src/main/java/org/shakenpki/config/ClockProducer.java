package org.shakenpki.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The application's one source of time. Business code injects a {@link Clock} instead of calling
 * {@code Instant.now()}, so tests can drive expiry, renewal and CRL timing with a clock of their own.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
