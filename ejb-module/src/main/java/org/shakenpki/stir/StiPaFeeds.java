package org.shakenpki.stir;

import org.shakenpki.stipa.IndirectCrl;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.pkix.Pem;
import org.shakenpki.stipa.StiPaClient;
import org.shakenpki.stipa.StiPaClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The STI-PA's trust list and CRL as this STI-VS fetches them, verified and cached per node (ATIS-1000080
 * sections 5.3.1 and 5.3.3). All fetching goes through the {@link StiPaClient} of the {@code shakenpki.vs.sti-pa*}
 * settings. The trust list comes from {@code GET /api/v1/ca-list}, logged in as the verifier's API user, and is
 * kept until its {@code exp}. The CRL comes from the STI-PA CRL URL and is checked
 * with the CRL signer certificate the STI-PA publishes; it is used for at most {@code shakenpki.vs.crl-refresh}
 * before it is fetched again, and while the STI-PA cannot be reached the last good CRL serves until its
 * nextUpdate. Both must chain to the configured STI-PA trust anchors ({@code shakenpki.vs.sti-pa-trust-anchors}),
 * read again at each refresh.
 *
 * <p>Every verification asks for both; the current ones are read without taking a lock, which only a refresh
 * holds (a refresh waits on the network, and every verification used to queue behind it on the monitor). A CRL
 * that is due for its refresh but still before its nextUpdate keeps serving while one verification refreshes it:
 * the others do not wait for that fetch (at the launcher's 5-second refresh, every in-flight verification stalled
 * for the length of two HTTPS fetches every five seconds, most of the STI-VS's p99 latency). Without a CRL, or
 * past its nextUpdate, every verification waits for the refresh, since none may pass unchecked. Once this node
 * has a CRL, it also refreshes it ahead of time, in the background at four fifths of the refresh interval
 * ({@link #refreshAhead}), so that under steady load no verification waits on the network at all; the rule for a
 * verification that finds the CRL due is unchanged.
 *
 * <p>When a refresh fails while the current CRL is still before its nextUpdate (the STI-PA down or unreachable),
 * verifications keep that CRL without trying again for {@link #retryDelay} (the refresh interval, at most 30
 * seconds), while the background refresh goes on trying: without that pause, one verification after another
 * waited for the fetch to time out, and every node sent the STI-PA a request per verification while it was down.
 * Past the nextUpdate every verification waits for a refresh again, as above.
 */
@ApplicationScoped
public class StiPaFeeds implements StiPaSource {
    private static final Logger LOG = Logger.getLogger(StiPaFeeds.class.getName());

    @Inject
    VsSettings settings;

    @Inject
    StiPaClients stiPa;

    @Inject
    Clock clock;

    private record FetchedCrl(IndirectCrl crl, Instant fetchedAt) {
    }

    private volatile TrustList trustList;
    private volatile FetchedCrl crl;
    /** After a failed refresh with a CRL still valid: until when verifications do not try again; null otherwise. */
    private volatile Instant crlRetryAfter;
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private final ReentrantLock crlRefresh = new ReentrantLock();
    private final AtomicBoolean refreshingAhead = new AtomicBoolean();

    /** The container's default scheduler (Jakarta Concurrency); absent where none is bound (then no refresh ahead). */
    @Resource
    ManagedScheduledExecutorService scheduler;

    @Override
    public TrustList trustList() throws IOException {
        TrustList current = trustList;
        if (current != null && current.expires().isAfter(clock.instant())) {
            return current;
        }
        return refreshTrustList();
    }

    private synchronized TrustList refreshTrustList() throws IOException {
        Instant now = clock.instant();
        if (trustList != null && trustList.expires().isAfter(now)) {
            return trustList;
        }
        String jwt = client().caList();
        try {
            trustList = TrustList.verify(jwt, this::chain, stiPaAnchors(), now);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        LOG.info(() -> "STI-PA trust list " + trustList.sequence() + " with " + trustList.anchors().size()
                + " STI-CA(s), valid until " + trustList.expires());
        return trustList;
    }

    @Override
    public IndirectCrl crl() throws IOException {
        FetchedCrl current = crl;
        Instant now = clock.instant();
        if (current != null && fresh(current, now)) {
            return current.crl;
        }
        boolean stillValid = current != null && current.crl.nextUpdate().isAfter(now);
        Instant retryAfter = crlRetryAfter;
        if (stillValid && retryAfter != null && now.isBefore(retryAfter)) {
            return current.crl; // the last refresh failed a moment ago: the STI-PA is not asked again yet
        }
        if (stillValid && !crlRefresh.tryLock()) {
            return current.crl; // another verification is refreshing it
        }
        if (!stillValid) {
            crlRefresh.lock();
        }
        try {
            IndirectCrl refreshed = refreshCrl(settings.crlRefresh());
            scheduleRefreshAhead();
            return refreshed;
        } finally {
            crlRefresh.unlock();
        }
    }

    private boolean fresh(FetchedCrl fetched, Instant now) {
        return fresh(fetched, now, settings.crlRefresh());
    }

    private static boolean fresh(FetchedCrl fetched, Instant now, Duration maxAge) {
        return fetched.fetchedAt.plus(maxAge).isAfter(now) && fetched.crl.nextUpdate().isAfter(now);
    }

    /** How long verifications keep a valid CRL after a failed refresh before they try again. */
    Duration retryDelay() {
        Duration interval = settings.crlRefresh();
        return interval.compareTo(MAX_RETRY_DELAY) < 0 ? interval : MAX_RETRY_DELAY;
    }

    /** Four fifths of the refresh interval: when the background refresh fetches, before a verification would. */
    private Duration refreshAheadAge() {
        return settings.crlRefresh().multipliedBy(4).dividedBy(5);
    }

    private void scheduleRefreshAhead() {
        if (scheduler == null || !refreshingAhead.compareAndSet(false, true)) {
            return;
        }
        long period = Math.max(1000, refreshAheadAge().toMillis() / 2);
        try {
            scheduler.scheduleWithFixedDelay(this::refreshAhead, period, period, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            refreshingAhead.set(false);
            LOG.log(Level.WARNING, "no background CRL refresh: verifications refresh the CRL when it falls due", e);
        }
    }

    /** The background refresh: fetches the CRL once it is four fifths of the refresh interval old. */
    void refreshAhead() {
        FetchedCrl current = crl;
        if (current == null || fresh(current, clock.instant(), refreshAheadAge()) || !crlRefresh.tryLock()) {
            return;
        }
        try {
            refreshCrl(refreshAheadAge());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "background CRL refresh failed; verifications will retry when it falls due", e);
        } finally {
            crlRefresh.unlock();
        }
    }

    /** Fetches the CRL unless the current one is younger than {@code maxAge}. Called with {@link #crlRefresh} held. */
    private IndirectCrl refreshCrl(Duration maxAge) throws IOException {
        Instant now = clock.instant();
        FetchedCrl current = crl;
        if (current != null && fresh(current, now, maxAge)) {
            return current.crl;
        }
        try {
            byte[] der = client().crl(settings.crlUrl());
            List<X509Certificate> signer = client().certificates(settings.crlSignerUrl());
            crl = new FetchedCrl(IndirectCrl.verify(der, signer, stiPaAnchors(), now), now);
            crlRetryAfter = null;
            return crl.crl;
        } catch (IOException | IllegalArgumentException e) {
            if (current != null && current.crl.nextUpdate().isAfter(now)) {
                crlRetryAfter = now.plus(retryDelay());
                LOG.warning("STI-PA CRL refresh failed, using the previous CRL until its nextUpdate (verifications try "
                        + "again after " + retryDelay().toSeconds() + " s): " + e.getMessage());
                return current.crl;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    private StiPaClient client() {
        return stiPa.client(settings.stiPa());
    }

    private List<X509Certificate> chain(URI x5u) {
        try {
            return client().certificates(x5u);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<TrustAnchor> stiPaAnchors() throws IOException {
        try {
            return Pem.certificates(Files.readAllBytes(settings.stiPaTrustAnchors())).stream()
                    .map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("no STI-PA trust anchor readable at " + settings.stiPaTrustAnchors());
        }
    }
}
