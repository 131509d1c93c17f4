package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.metrics.Metrics;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The STI-VS (RFC 8224 section 6.2, ATIS-1000074, interface in the ATIS-1000082 style): verifies the PASSporT
 * of one call with the x5u chains and STI-PA feeds of this node.
 *
 * <p>Verifications are counted ({@link VerificationStatistics}, by verstat and failure, summarised in the log
 * once a minute when they changed) and each one is logged at FINE with who signed (x5u, SPC), what (attest,
 * origid) and the outcome. They are not written to the audit log: a verification changes no state, the result
 * travels with the call (the verstat in the SIP request) into the call records the call-processing side keeps,
 * and one database insert per call cost a large share of the verifier's CPU (README, "Benchmarks") and made
 * the database the limit of the call rate. The audit log keeps the actions that change state: the STI-PA's,
 * the STI-CA's, the SP-KMS's. Verification runs outside any transaction: it may wait on the network (x5u,
 * STI-PA) and writes nothing.
 *
 * <p>A CDI bean, not an EJB, for the same reason as {@link SigningService}: nothing here is transactional, and the
 * EJB container's interceptors, security manager and transaction suspension took 7 % of a verification request
 * (JFR). The once-a-minute summary is {@link VerificationStatisticsLog}'s timer.
 */
@ApplicationScoped
public class VerificationService {
    private static final Logger LOG = Logger.getLogger(VerificationService.class.getName());

    @Inject
    VsSettings settings;

    @Inject
    X5uChains chains;

    @Inject
    StiPaFeeds stiPa;

    @Inject
    ValidatedChains validated;

    @Inject
    VerificationStatistics statistics;

    @Inject
    Clock clock;

    @Inject
    RcdContent rcdContent;

    public VerificationResult verify(VerificationRequest request) {
        long started = System.nanoTime();
        VerificationResult result = new PassportVerifier(clock, settings.policy(), chains, stiPa, validated,
                rcdContent::cached).verify(request);
        statistics.count(result);
        Metrics.verification(result.verstat().value(), result.failure() == null ? "none" : result.failure().code(), started);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("tn:" + request.fromTn() + " " + result.verstat().value()
                    + (result.failure() == null ? "" : " " + result.failure().code() + " (" + result.failure().sipCode() + ")")
                    + "; " + result.reason() + "; attest " + result.attest() + ", origid " + result.origid() + ", spc "
                    + result.spc() + ", x5u " + result.x5u());
        }
        return result;
    }
}
