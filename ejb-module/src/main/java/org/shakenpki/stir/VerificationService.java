package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;

import java.time.Clock;

/**
 * The STI-VS (RFC 8224 section 6.2, ATIS-1000074, interface in the ATIS-1000082 style): verifies the PASSporT
 * of one call with the x5u chains and STI-PA feeds of this node, and audits every verification.
 *
 * <p>Every verification, passed or not, writes one audit record (who signed: x5u and SPC; what: attest, origid;
 * the verstat and reason), as deployed verifiers keep a verification record per call. The record is written in
 * a transaction of its own after the verification, which itself runs outside any transaction: it may wait on
 * the network (x5u, STI-PA) and must not hold a database transaction open meanwhile.
 */
@Stateless
public class VerificationService {
    static final String ACTOR = "sti-vs";

    @Inject
    VsSettings settings;

    @Inject
    X5uChains chains;

    @Inject
    StiPaFeeds stiPa;

    @Inject
    ValidatedChains validated;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public VerificationResult verify(VerificationRequest request) {
        VerificationResult result = new PassportVerifier(clock, settings.policy(), chains, stiPa, validated).verify(request);
        Outcome outcome = switch (result.verstat()) {
            case TN_VALIDATION_PASSED -> Outcome.SUCCESS;
            case TN_VALIDATION_FAILED -> Outcome.REFUSED;
            case NO_TN_VALIDATION -> Outcome.FAILURE;
        };
        audit.recordIndependently(ACTOR, "vs.verify", "tn:" + request.fromTn(), outcome, result.verstat().value()
                + (result.failure() == null ? "" : " " + result.failure().code() + " (" + result.failure().sipCode() + ")")
                + "; " + result.reason() + "; attest " + result.attest() + ", origid " + result.origid() + ", spc "
                + result.spc() + ", x5u " + result.x5u());
        return result;
    }
}
