package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail of refused signing requests (successful ones are counted by nobody's audit log: they are the
 * STI-AS's hot path). A refusal of a valid key (403: an SPC or an attestation beyond its grant) is always
 * recorded, naming the key. Requests that do not authenticate (401: no key, an unknown or a revoked one) can be
 * sent by anyone at any rate, so at most one of them per {@link #ANONYMOUS_WINDOW_MILLIS} is recorded, carrying
 * the number left unrecorded since: an outsider cannot turn refusals into one database write each.
 *
 * <p>A failing audit write is logged and does not change the refusal the caller gets.
 */
@ApplicationScoped
public class SigningRefusals {
    static final long ANONYMOUS_WINDOW_MILLIS = 10_000;
    static final String ACTION = "as.sign";
    private static final Logger LOG = Logger.getLogger(SigningRefusals.class.getName());

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    private final AtomicLong nextAnonymousRecord = new AtomicLong();
    private final AtomicInteger unrecorded = new AtomicInteger();

    /** A signing request by a valid key that asked for more than its grant. */
    public void forbidden(ApiKeyGrant grant, String detail) {
        write(grant.actor(), "api-key:" + grant.id(), detail);
    }

    /** A signing request that did not authenticate; {@code subject} names the revoked key, if it was one. */
    public void unauthenticated(String actor, String subject, String detail) {
        long now = clock.millis();
        long next = nextAnonymousRecord.get();
        if (now < next || !nextAnonymousRecord.compareAndSet(next, now + ANONYMOUS_WINDOW_MILLIS)) {
            unrecorded.incrementAndGet();
            return;
        }
        int skipped = unrecorded.getAndSet(0);
        write(actor, subject, skipped == 0 ? detail
                : detail + " (and " + skipped + " unauthenticated signing requests unrecorded since the previous record)");
    }

    private void write(String actor, String subject, String detail) {
        try {
            audit.recordIndependently(actor, ACTION, subject, Outcome.REFUSED, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot audit a refused signing request: " + detail, e);
        }
    }
}
