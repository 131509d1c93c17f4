package org.shakenpki.stir;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.shakenpki.problem.ProblemException;

import java.time.Duration;
import java.util.List;

/**
 * What the STI-VS console page shows its operator (docs/console.md), behind the STI-VS admin token ({@link VsAdmin}):
 * this node's verifications of the last hour and day by verstat (ATIS-1000074 section 5.3.2) and by failure reason
 * ({@link VerificationStatistics}), and the x5u chains it holds ({@link X5uChains}, ATIS-1000074 section 5.3.1).
 */
@Stateless
public class VsConsole {
    private static final int CACHE_ROWS = 200;

    @Inject
    VsAdmin admin;

    @Inject
    VerificationStatistics statistics;

    @Inject
    X5uChains x5u;

    /** The counts of the last hour and of the last day. */
    public List<VerificationStatistics.Window> counts(String authorization) {
        admin.check(authorization);
        return List.of(statistics.recent(Duration.ofHours(1)), statistics.recent(Duration.ofDays(1)));
    }

    /**
     * The cached chains, newest expiry first.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token
     */
    public List<X5uChains.Cached> x5uCache(String authorization) {
        admin.check(authorization);
        return x5u.cached(CACHE_ROWS);
    }
}
